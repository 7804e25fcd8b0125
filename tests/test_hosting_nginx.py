"""The site under http://host/peixun/ behind the real nginx, configured by the very file the
operators' guide shows (docs/assets/nginx/peixun.conf): gzip, cache and security headers, a CSP
that allows no other origin, and a real Chromium that reads, searches and practises without a
single console error or CSP violation."""

from __future__ import annotations

import getpass
import grp
import gzip
import json
import os
import re
import shutil
import socket
import subprocess
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from conftest import ROOT
from coursekit.publish.csp import content_security_policy
from coursekit.publish.pipeline import publish

CONF = ROOT / "docs/assets/nginx/peixun.conf"
GUIDE = ROOT / "docs/guide/operators.md"
NGINX = shutil.which("nginx") or "/usr/sbin/nginx"
MIME_TYPES = Path("/etc/nginx/mime.types")
# What the documented file says, and what the test puts in its place.
DOC_LISTEN = "listen 80;"
DOC_ROOT = "alias /srv/coursekit/peixun/;"
HASHED_ASSET = re.compile(r"^assets/(javascripts|stylesheets)/.+\.[0-9a-f]{8}\.min\.(js|css)$")

WRAPPER = """
worker_processes 1;
daemon off;
pid {tmp}/nginx.pid;
error_log {tmp}/error.log warn;
{user}
events {{ worker_connections 64; }}
http {{
    include {mime_types};
    default_type application/octet-stream;
    access_log off;
    client_body_temp_path {tmp}/body;
    proxy_temp_path {tmp}/proxy;
    fastcgi_temp_path {tmp}/fastcgi;
    uwsgi_temp_path {tmp}/uwsgi;
    scgi_temp_path {tmp}/scgi;
    include {tmp}/peixun.conf;
}}
"""


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def published(tmp_path_factory) -> Path:
    """The real project, published with coursekit publish for the sub-path /peixun/."""
    target = tmp_path_factory.mktemp("srv") / "peixun"
    publish(ROOT, target, base_path="/peixun/", say=lambda line: None)
    return target


@pytest.fixture(scope="module")
def nginx(published, tmp_path_factory):
    assert Path(NGINX).exists(), "nginx 未安装：scripts/test 会自动安装（需要 root），或手动 apt-get install nginx"
    assert MIME_TYPES.exists(), f"找不到 {MIME_TYPES}（Debian 的 nginx 软件包自带）"
    tmp = tmp_path_factory.mktemp("nginx")
    text = CONF.read_text("utf-8")
    assert text.count(DOC_LISTEN) == 1 and text.count(DOC_ROOT) == 1, "peixun.conf 的 listen 或 alias 行变了，请同步修改本测试"
    port = free_port()
    (tmp / "peixun.conf").write_text(
        text.replace(DOC_LISTEN, f"listen 127.0.0.1:{port};").replace(DOC_ROOT, f"alias {published}/;"), "utf-8"
    )
    # As root, nginx's workers would run as "nobody", who cannot read pytest's private tmp folders.
    user = f"user {getpass.getuser()} {grp.getgrgid(os.getgid()).gr_name};" if os.geteuid() == 0 else ""
    (tmp / "nginx.conf").write_text(WRAPPER.format(tmp=tmp, user=user, mime_types=MIME_TYPES), "utf-8")
    test = subprocess.run([NGINX, "-t", "-p", str(tmp), "-c", str(tmp / "nginx.conf"), "-e", str(tmp / "error.log")], capture_output=True, text=True)
    assert test.returncode == 0, test.stderr
    process = subprocess.Popen(
        [NGINX, "-p", str(tmp), "-c", str(tmp / "nginx.conf"), "-e", str(tmp / "error.log")],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    deadline = time.monotonic() + 10
    while True:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
            break
        except OSError:
            assert process.poll() is None, process.stderr.read().decode()
            assert time.monotonic() < deadline, "nginx 没有在 10 秒内开始监听"
            time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    process.terminate()
    process.wait(timeout=10)


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


def fetch(url: str, gzip_ok: bool = True):
    """(status, headers, body) without following redirects; the body is un-gzipped."""
    request = urllib.request.Request(url, headers={"Accept-Encoding": "gzip"} if gzip_ok else {})
    opener = urllib.request.build_opener(NoRedirect)
    try:
        response = opener.open(request, timeout=10)
    except urllib.error.HTTPError as err:
        response = err
    body = response.read()
    if response.headers.get("Content-Encoding") == "gzip":
        body = gzip.decompress(body)
    return response.status, response.headers, body


def test_the_guides_show_exactly_the_tested_configuration():
    guides = [GUIDE] + sorted(GUIDE.parent.glob("operators.*.md"))  # the Chinese guide and its translations
    for guide in guides:
        block = re.search(r"```nginx\n(.*?)```", guide.read_text("utf-8"), re.S)
        assert block, f"{guide.name} 应当用 ```nginx 代码块给出完整配置"
        assert block.group(1) == CONF.read_text("utf-8"), f"{guide.name} 中的配置与 docs/assets/nginx/peixun.conf 不一致"


def test_the_csp_allows_exactly_the_inline_scripts_of_the_site(published):
    conf = CONF.read_text("utf-8")
    policies = set(re.findall(r'add_header Content-Security-Policy "([^"]*)" always;', conf))
    # If this fails after a Material upgrade or a new page depth: run `coursekit csp SITE` on a site
    # published with --base-path /peixun/ and update docs/assets/nginx/peixun.conf and its copies
    # in docs/guide/operators*.md.
    assert policies == {content_security_policy(published)}
    assert "unsafe-inline" not in conf and "unsafe-eval" not in conf and "http" not in next(iter(policies))


def test_headers_gzip_and_cache(nginx, published):
    status, headers, body = fetch(f"{nginx}/peixun/")
    assert status == 200 and "<title>" in body.decode("utf-8")
    assert headers["Content-Encoding"] == "gzip"
    assert headers["Cache-Control"] == "no-cache"
    assert headers["Content-Type"] == "text/html; charset=utf-8"
    assert headers["X-Content-Type-Options"] == "nosniff"
    assert headers["Referrer-Policy"] == "same-origin"
    assert headers["X-Frame-Options"] == "SAMEORIGIN"
    csp = headers["Content-Security-Policy"]
    assert "default-src 'self'" in csp and "frame-ancestors 'self'" in csp

    # The search index (fetched when a learner opens search) and the site data, compressed.
    for data in ("search/coursekit-index.json", "assets/coursekit/site-data.json"):
        status, headers, body = fetch(f"{nginx}/peixun/{data}")
        assert status == 200 and headers["Content-Encoding"] == "gzip", data
        assert headers["Cache-Control"] == "no-cache" and headers["Content-Type"].startswith("application/json")
        json.loads(body)

    hashed = sorted(p.relative_to(published).as_posix() for p in published.rglob("*.min.*") if HASHED_ASSET.match(p.relative_to(published).as_posix()))
    assert any(p.endswith(".js") for p in hashed) and any(p.endswith(".css") for p in hashed)
    for asset in hashed:
        status, headers, body = fetch(f"{nginx}/peixun/{asset}")
        assert status == 200 and headers["Content-Encoding"] == "gzip", asset
        assert headers["Cache-Control"] == "public, max-age=31536000, immutable", asset
        assert headers["X-Content-Type-Options"] == "nosniff" and headers["Content-Security-Policy"] == csp
        assert body == (published / asset).read_bytes()

    status, headers, _ = fetch(f"{nginx}/peixun/assets/coursekit/coursekit.js")
    assert status == 200 and headers["Cache-Control"] == "no-cache"  # not hashed: always revalidated

    # The service worker and the manifest: always revalidated, or learners never hear of a new edition.
    status, headers, body = fetch(f"{nginx}/peixun/sw.js")
    assert status == 200 and headers["Cache-Control"] == "no-cache" and headers["Content-Type"].startswith(("application/javascript", "text/javascript"))
    assert body.startswith(b"self.CK_OFFLINE = ")
    status, headers, body = fetch(f"{nginx}/peixun/manifest.json")
    assert status == 200 and headers["Cache-Control"] == "no-cache" and headers["Content-Type"].startswith("application/json")
    assert json.loads(body)["start_url"] == "./"


def test_redirects_and_the_404_page_work_under_the_sub_path(nginx):
    status, headers, _ = fetch(f"{nginx}/peixun")
    assert status == 301 and headers["Location"] == "/peixun/"
    status, headers, _ = fetch(f"{nginx}/peixun/courses")
    assert status == 301 and headers["Location"] == "/peixun/courses/"  # relative: right behind any proxy
    status, headers, body = fetch(f"{nginx}/peixun/meiyou/zheye/")
    assert status == 404 and headers["X-Content-Type-Options"] == "nosniff"
    page = body.decode("utf-8")
    assert 'href="/peixun/assets/stylesheets/' in page and 'src="/peixun/assets/javascripts/' in page
    assert 'href="/assets/' not in page and 'src="/assets/' not in page


CONTROLLED = """() => navigator.serviceWorker.controller ? true :
  new Promise(resolve => navigator.serviceWorker.addEventListener('controllerchange', () => resolve(true)))"""

# Reported through an exposed function, which survives navigations (page state does not).
CSP_WATCH = """
document.addEventListener('securitypolicyviolation', e =>
  window.ckReportViolation(e.violatedDirective + ' ' + e.blockedURI + ' ' + (e.sample || '')));
"""


@pytest.mark.browser
def test_learner_reads_searches_and_practises_under_peixun(page, nginx):
    violations: list[str] = []
    page.expose_function("ckReportViolation", lambda text: violations.append(text))
    page.add_init_script(CSP_WATCH)
    page.goto(f"{nginx}/peixun/")
    assert page.locator("article h1").count() == 1
    assert "内容版本" in page.locator(".md-copyright").inner_text()
    # The service worker registers within the CSP and takes the site under /peixun/.
    # (page.evaluate, not wait_for_function: that evaluates a string, which the CSP forbids)
    assert page.evaluate(CONTROLLED)
    assert page.evaluate("navigator.serviceWorker.ready.then(r => r.scope)") == f"{nginx}/peixun/"

    # A lesson: the first lesson of the first course, reached the way a learner clicks.
    page.goto(f"{nginx}/peixun/courses/")
    page.locator("article a[href$='/']").first.click()
    page.wait_for_load_state()
    page.locator("article ol a").first.click()
    page.wait_for_load_state()
    assert page.url.startswith(f"{nginx}/peixun/courses/") and page.url.count("/") >= 7
    assert page.locator("article h1").count() == 1

    box = page.locator("input.md-search__input")
    box.click()
    box.fill("支部")
    box.press("End")  # Material searches on keyup
    page.wait_for_selector(".md-search-result__item", timeout=15000)
    assert "支部" in page.locator(".md-search-result__item").first.inner_text().replace("\u200b", "")

    page.goto(f"{nginx}/peixun/practice/")
    page.locator("article a[href$='/']").first.click()
    page.wait_for_selector(".ck-quiz")
    page.wait_for_load_state("networkidle")
    assert page.locator(".ck-quiz .ck-question").count() >= 1

    page.goto(f"{nginx}/peixun/meiyou/")
    page.wait_for_load_state("networkidle")
    # The 404 page is styled: Material's stylesheet loaded from under /peixun/.
    assert page.evaluate("getComputedStyle(document.querySelector('.md-header')).position") in ("sticky", "fixed")

    assert violations == []
    assert [e for e in page.console_errors if "404" not in e] == []
    assert all(url.startswith(nginx) or url.startswith("data:") for url in page.requests_seen)
