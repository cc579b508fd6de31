import os, sys, time, cProfile, pstats, statistics
os.environ["VNLEX_SEARCH_CACHE_SIZE"] = "0"
from bench.queries import load
from bench.latency import params
from app.db.session import session_scope
from app.services.search import search
url = sys.argv[1]
qs = load()
def one(q):
    t = time.perf_counter()
    try:
        with session_scope(url) as s:
            search(s, params(q))
    except Exception:
        pass
    return time.perf_counter() - t
for q in qs: one(q)
times = [one(q) for _ in range(3) for q in qs]
times.sort()
print("p50 %.2f p99 %.2f ms" % (statistics.median(times)*1000, times[int(len(times)*0.99)]*1000))
if "--prof" in sys.argv:
    pr = cProfile.Profile(); pr.enable()
    for q in qs: one(q)
    pr.disable()
    pstats.Stats(pr).sort_stats("cumulative").print_stats(35)
