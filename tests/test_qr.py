"""QR codes on course, practice and exam pages: inline SVG of the page's own absolute address."""

from __future__ import annotations

import re
from pathlib import Path

import segno

from conftest import ROOT, TRAINER_SITE_URL
from test_site_build import external_loads_in_html
from trainer_fixture import BANK, COURSE, PAPER, write_fixture_content

from coursekit.site.pages import build_site_files
from coursekit.site.text import fill_raw_html, hold_raw_html
from coursekit.site.qr import qr_svg, with_qr_block
from coursekit.sources.project import load_project

QR_BLOCK = re.compile(r'<details class="ck-qr"[^>]*>.*?</details>', re.S)
MAX_BLOCK_BYTES = 4096  # a QR block must not weigh down a page meant for phones


def svg_modules(svg: str) -> list[list[bool]]:
    """Dark modules of a segno path SVG, read from the path itself (moves and horizontal lines)."""
    size = int(re.search(r'viewBox="0 0 (\d+) \d+"', svg).group(1))
    path = re.search(r' d="([^"]+)"', svg).group(1)
    grid = [[False] * size for _ in range(size)]
    x = y = 0.0
    for command, a, b in re.findall(r"([MmHh])(-?[\d.]+)(?:[ ,](-?[\d.]+))?", path):
        if command == "M":
            x, y = float(a), float(b)
        elif command == "m":
            x, y = x + float(a), y + float(b)
        else:  # h: a horizontal run of dark modules on the row whose centre is y
            length = float(a) if command == "h" else float(a) - x
            for column in range(int(x), int(x + length)):
                grid[int(y - 0.5)][column] = True
            x += length
    return grid


def reference_modules(address: str) -> list[list[bool]]:
    code = segno.make(address, error="m", micro=False)
    return [[bool(v) for v in row] for row in code.matrix_iter(border=4)]


def qr_blocks(html: str) -> list[str]:
    return QR_BLOCK.findall(html)


def test_svg_reader_tells_codes_apart():
    # the reader must be able to fail: two addresses give two different grids
    first = svg_modules(qr_svg("http://intranet.example/peixun/a/"))
    assert first == reference_modules("http://intranet.example/peixun/a/")
    assert first != reference_modules("http://intranet.example/peixun/b/")


def test_qr_block_goes_under_the_title():
    page = "---\nsearch:\n  exclude: true\n---\n\n# 标题\n\n正文\n"
    assert with_qr_block(page, "<details>QR</details>").index("<details>") > page.index("# 标题")
    held, fragments = hold_raw_html(with_qr_block("正文\n", "<details>QR</details>"))
    assert held.lstrip().startswith("<!--ck-fragment:0-->") and fragments == ["<details>QR</details>"]


def _pages(site: Path) -> dict[str, Path]:
    pages = {f"courses/{COURSE}/": site / f"courses/{COURSE}/index.html", f"exams/{PAPER}/": site / f"exams/{PAPER}/index.html"}
    for practice in sorted((site / "practice").rglob("index.html")):
        pages[practice.parent.relative_to(site).as_posix() + "/"] = practice
    assert f"practice/{BANK}/" in pages
    return pages


def test_each_projected_page_carries_the_code_of_its_own_address(trainer_site):
    _, site = trainer_site
    for url_path, path in _pages(site).items():
        html = path.read_text("utf-8")
        blocks = qr_blocks(html)
        assert len(blocks) == 1, path
        block = blocks[0]
        address = TRAINER_SITE_URL + url_path
        svg = re.search(r"<svg.*?</svg>", block, re.S).group(0)
        assert svg == qr_svg(address)  # exactly a fresh encoding of the address
        assert svg_modules(svg) == reference_modules(address)  # and its drawing is that code
        assert f'<p class="ck-qr-address">{address}</p>' in block
        assert "手机扫码打开" in block and "data-search-exclude" in block
        assert len(block.encode("utf-8")) < MAX_BLOCK_BYTES, (path, len(block.encode("utf-8")))
        assert external_loads_in_html(html) == []
        # right under the page title
        article = html[html.index("<article") :]
        assert article.index("</h1>") < article.index('class="ck-qr"')


def test_lessons_and_other_pages_carry_no_code(trainer_site):
    _, site = trainer_site
    assert not qr_blocks((site / f"courses/{COURSE}/biaojue/index.html").read_text("utf-8"))
    assert not qr_blocks((site / "index.html").read_text("utf-8"))
    assert not qr_blocks((site / f"exams/{PAPER}-print/index.html").read_text("utf-8"))


def full_text(site, src: str) -> str:
    """A generated page with its raw HTML put back, as the site shows it."""
    return fill_raw_html(site.files[src], site.fragments.get(src, []))


def test_no_site_url_no_code(tmp_path):
    """Without site_url no page can know its address, so none shows a code (the real mkdocs.yml sets none)."""
    project, _ = load_project(write_fixture_content(tmp_path / "project"))
    without = build_site_files(project, site_url="")
    assert not any("ck-qr" in full_text(without, src) for src in without.files)
    with_url = build_site_files(project, site_url="http://10.0.0.8/peixun")  # no trailing slash: still one
    assert 'class="ck-qr-address">http://10.0.0.8/peixun/courses/ckt-kecheng/<' in full_text(with_url, f"courses/{COURSE}/index.md")
    assert "site_url" not in (ROOT / "mkdocs.yml").read_text("utf-8")
