import os, sys, time, statistics, functools
os.environ["VNLEX_SEARCH_CACHE_SIZE"] = "0"
from bench.queries import load
from bench.latency import params
from app.db.session import session_scope
import app.services.search as S
import app.search.sync as sync
import app.services.crumbs as crumbs
acc = {}
def wrap(mod, name, label):
    f = getattr(mod, name)
    @functools.wraps(f)
    def g(*a, **k):
        t = time.perf_counter()
        try: return f(*a, **k)
        finally: acc.setdefault(label, []).append(time.perf_counter() - t)
    setattr(mod, name, g)
wrap(S, "fresh_index", "fresh_index")
wrap(S, "_ranked", "tantivy+plan")
wrap(S, "_items", "items(sql+crumbs+snippets)")
wrap(S, "_facets", "facets")
wrap(S, "_expansions", "expansions")
wrap(S.context, "corrections", "corrections")
wrap(S, "_snippet", "snippet")
wrap(crumbs, "breadcrumbs", "crumbs")
url = sys.argv[1]
qs = load()
tot = []
for rep in range(3):
    for q in qs:
        t = time.perf_counter()
        try:
            with session_scope(url) as s:
                S.search(s, params(q))
        except Exception:
            pass
        tot.append(time.perf_counter() - t)
n = len(tot)
print("total per search ms: mean %.2f median %.2f" % (sum(tot)/n*1000, statistics.median(tot)*1000))
for k, v in sorted(acc.items(), key=lambda kv: -sum(kv[1])):
    print(f"{k:30s} per search {sum(v)/n*1000:6.2f} ms  calls/search {len(v)/n:.1f}")
