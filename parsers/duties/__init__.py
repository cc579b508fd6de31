"""Roles of the bodies named in a provision: who leads, coordinates, implements, is reported to.

Each mention found by ``parsers.bodies.find_mentions`` gets one role, read from the clause
it stands in (clauses end at ``.``/``;`` + space, at line ends and at table cell bars). The
rules, on folded words so any spelling counts (docs/analysis.md has the full table):

* **lead**: a list + ``chủ trì``; the clause's subject + ``lãnh đạo``/``chỉ đạo`` within
  four words (ten after ``theo chức năng, nhiệm vụ …``); ``do``/``giao`` + list + ``chủ trì``.
* **implement**: the subject + any other verb ("Chính phủ, các bộ, ngành liên quan và chính
  quyền các cấp tăng cường …"), the subject + ``:``, or the list after ``yêu cầu``/``giao``.
* **coordinate**: the list after ``phối hợp``, or after ``với`` within five words of it.
* **report_to**: the list after ``báo cáo``, ``trình``, ``gửi`` (skipping ``kết quả`` …).
* **mention**: every other mention.

A list is bodies separated only by punctuation and ``và``/``các``/``cùng``/``hoặc``, so
"Ban Tổ chức Trung ương chủ trì, phối hợp với Đảng đoàn Tổng Liên đoàn Lao động Việt Nam"
gives one lead and one coordinate. In a markdown table with a ``chủ trì`` column (the
appendices of a Chính phủ programme) the column decides. With ``provision_role`` other than
``task``/``implementation`` every mention is a ``mention``: a situation or viewpoint says
what bodies are, not what they must do.

The pipeline, one module per step: ``clauses`` (where clauses end) → ``tokens`` (a clause as
words and mentions, offices folded into their body) → ``subject`` and ``verbs`` (who the
clause's subject is, which verb governs which list) → ``classify`` (one role per mention
of a clause) → ``assign`` (the provision's duties, table columns first); ``tables`` reads
the columns, ``model`` holds the values.
"""

from parsers.duties.assign import assign_roles
from parsers.duties.clauses import clauses
from parsers.duties.model import ACTIVE_PROVISION_ROLES, ROLES, Duty

__all__ = ["ACTIVE_PROVISION_ROLES", "ROLES", "Duty", "assign_roles", "clauses"]
