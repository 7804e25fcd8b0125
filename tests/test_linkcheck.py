"""The link check: every internal link and anchor of a built site resolves; external links are
listed; anything loading from outside or running script is an error."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

from coursekit.publish.linkcheck import check_site_links


def write_site(root: Path, files: dict[str, str]) -> Path:
    for name, text in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, "utf-8")
    return root


def messages(problems) -> list[str]:
    return [str(p) for p in problems]


def test_the_real_site_passes(built_site):
    report = check_site_links(built_site)
    assert messages(report.errors) == []
    assert report.pages >= 10 and report.links > 100


def test_resolution_rules(tmp_path):
    site = write_site(
        tmp_path,
        {
            "index.html": """
                <a href="courses/">课程</a> <a href="courses/a/#第一节">带锚点</a> <a href="./">本站</a>
                <a href="#top">本页</a> <a id="top"></a> <a href="courses/a/index.html">文件</a>
                <a href="%E4%B8%AD%E6%96%87/">中文目录</a> <a href="courses/a/#%E7%AC%AC%E4%B8%80%E8%8A%82">编码锚点</a>
                <a href="mailto:a@b.cn">邮件</a> <img src="data:image/png;base64,AA==">
                <a href="https://www.12371.cn/">外部</a> <link rel="canonical" href="https://example.org/">
                <script type="application/json" class="ck-data">{"questions":[{"sources":[{"href":"courses/a/#raw"}]}]}</script>
            """,
            "courses/index.html": '<a href="../">上级</a> <a href="a/">课文</a> <a href="a">无斜杠</a>',
            "courses/a/index.html": '<h2 id="第一节">第一节</h2><div markdown id="raw"></div><a name="old"></a><a href="../../#top">首页</a><a href="#old">旧锚</a>',
            "中文/index.html": '<a href="/assets/x.css">根路径</a>',
            "assets/x.css": "",
            "assets/coursekit/site-data.json": '{"courses":[{"href":"courses/a/"}]}',
            "404.html": '<link rel="stylesheet" href="/assets/x.css">',
        },
    )
    report = check_site_links(site)
    assert messages(report.errors) == []
    assert messages(report.external) == ["index.html: 外部链接 https://www.12371.cn/（允许，但内网用户可能打不开）"]


def test_every_kind_of_broken_link_is_named(tmp_path):
    site = write_site(
        tmp_path,
        {
            "index.html": """
                <a href="courses/meiyou/">缺页</a> <a href="courses/a/#meiyou">缺锚点</a> <a href="#zheli">本页缺锚点</a>
                <a href="../../etc/passwd">站外</a> <a href="javascript:alert(1)">脚本</a>
                <script src="https://cdn.example/x.js"></script> <img src="//img.example/a.png">
                <script type="application/json">{"href":"courses/b/"}</script>
            """,
            "courses/a/index.html": "<h2 id='yes'>有</h2>",
            "assets/coursekit/site-data.json": '{"lessons":[{"href":"courses/c/"}]}',
        },
    )
    report = check_site_links(site)
    assert messages(report.errors) == [
        "index.html: 链接“courses/meiyou/”指向的文件不存在",
        "index.html: 链接“courses/a/#meiyou”指向的锚点“#meiyou”在 courses/a/index.html 中不存在",
        "index.html: 链接“#zheli”指向的锚点“#zheli”在 index.html 中不存在",
        "index.html: 链接“../../etc/passwd”指到了网站目录之外",
        "index.html: 链接“javascript:alert(1)”使用了 javascript: 协议，会运行脚本",
        "index.html: “https://cdn.example/x.js”要从外部网站加载内容，内网上无法访问",
        "index.html: “//img.example/a.png”要从外部网站加载内容，内网上无法访问",
        "index.html: 链接“courses/b/”指向的文件不存在",
        "assets/coursekit/site-data.json: 链接“courses/c/”指向的文件不存在",
    ]


def test_root_relative_links_must_sit_under_the_base_path(tmp_path):
    site = write_site(tmp_path, {"index.html": "<p></p>", "assets/x.css": "", "404.html": '<link rel="stylesheet" href="/peixun/assets/x.css"><a href="/assets/x.css">x</a>'})
    report = check_site_links(site, base_path="/peixun/")
    assert messages(report.errors) == ["404.html: 链接“/assets/x.css”以 / 开头，却不在网站路径 /peixun/ 下"]


def test_check_links_command_names_the_broken_link_and_anchor(built_site, tmp_path):
    site = Path(shutil.copytree(built_site, tmp_path / "site"))
    page = site / "citations/index.html"
    page.write_text(
        page.read_text("utf-8").replace("</article>", '<a href="../courses/meiyou/">断链</a><a href="../#meiyou-maodian">断锚</a></article>', 1), "utf-8"
    )
    result = subprocess.run([sys.executable, "-m", "coursekit", "check-links", str(site)], capture_output=True, text=True)
    assert result.returncode == 1
    assert result.stderr.splitlines() == [
        "链接检查发现 2 个问题：",
        "citations/index.html: 链接“../courses/meiyou/”指向的文件不存在",
        "citations/index.html: 链接“../#meiyou-maodian”指向的锚点“#meiyou-maodian”在 index.html 中不存在",
    ]
    ok = subprocess.run([sys.executable, "-m", "coursekit", "check-links", str(built_site)], capture_output=True, text=True)
    assert ok.returncode == 0 and ok.stdout.startswith("链接检查通过："), ok.stderr
