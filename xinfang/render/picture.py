"""The backlog's chart as a picture a leader can put in a report (挂图作战): the cases
added and struck off each month as bars, the cases on the list as a line. Drawn with
matplotlib, its text in Chinese with a CJK font the package finds on the machine; without
one, in English, and the officer is told which font to install."""

from __future__ import annotations

import io
from typing import Any

from xinfang.texts import t

# Fonts with Simplified Chinese, the ones most often installed first.
CJK_FONTS = ("Noto Sans CJK SC", "Noto Sans SC", "Source Han Sans SC", "WenQuanYi Zen Hei",
             "WenQuanYi Micro Hei", "Noto Serif CJK SC", "Source Han Serif SC",
             "AR PL UMing CN", "AR PL UKai CN", "SimHei", "Microsoft YaHei", "PingFang SC")


def cjk_font() -> str | None:
    """The first of CJK_FONTS that matplotlib finds on this machine, or None."""
    from matplotlib import font_manager

    installed = {font.name for font in font_manager.fontManager.ttflist}
    return next((name for name in CJK_FONTS if name in installed), None)


def chart(history: list[Any], image: str, lang: str) -> tuple[bytes, str | None]:
    """The picture (png or svg) and the CJK font it was drawn with (None: in English)."""
    import matplotlib

    matplotlib.use("Agg")  # no display: the picture is only written
    from matplotlib.figure import Figure

    font = cjk_font()
    if lang == "zh" and font is None:
        lang = "en"  # Chinese without a CJK font would be boxes
    from matplotlib.ticker import MaxNLocator

    # The same chart gives the same bytes (svg.hashsalt); the CJK font first, if any.
    with matplotlib.rc_context({"svg.hashsalt": "xinfang", "font.family": "sans-serif",
                                "font.sans-serif": [font or "DejaVu Sans", "DejaVu Sans"]}):
        figure = Figure(figsize=(8, 4.5), dpi=150)
        axes = figure.subplots()
        months = [month.month for month in history]
        places = list(range(len(months)))
        axes.bar([p - 0.2 for p in places], [m.added for m in history], width=0.4,
                 label=t("backlog.picture.added", lang), color="#d9534f")
        axes.bar([p + 0.2 for p in places], [m.struck_off for m in history], width=0.4,
                 label=t("backlog.picture.struck_off", lang), color="#5cb85c")
        axes.plot(places, [m.open for m in history], marker="o", color="#337ab7",
                  label=t("backlog.picture.open", lang))
        axes.set_xticks(places, months, rotation=45 if len(months) > 8 else 0)
        axes.set_xlim(-0.8, len(months) - 0.2)
        axes.set_ylabel(t("backlog.picture.cases", lang))
        axes.set_title(t("backlog.picture.title", lang))
        axes.yaxis.set_major_locator(MaxNLocator(integer=True))
        axes.legend()
        figure.tight_layout()
        out = io.BytesIO()
        figure.savefig(out, format=image, metadata={"Date": None} if image == "svg" else None)
    return out.getvalue(), font
