"""A bank's practice page in a real Chromium: the first set is in the page, the others come from
the bank's data file on request, the set is kept in the address, and a failed fetch says so."""

from __future__ import annotations

import pytest
import yaml
from playwright.sync_api import expect

from conftest import ROOT
from quizdriver import absolute_href, answer_somehow, assert_clean, failing_until_released, stored_state, ui

pytestmark = pytest.mark.browser

BANK = "sanhui-yike"
SET_SIZE = 20


def bank_ids() -> list[str]:
    bank = yaml.safe_load((ROOT / "quizzes" / f"{BANK}.yml").read_text("utf-8"))
    # A case study (type: case) is practised as its questions, in order.
    return [sub["id"] for q in bank["questions"] for sub in (q["questions"] if q["type"] == "case" else [q])]


def shown_ids(page) -> list[str]:
    return page.locator(".ck-quiz li.ck-question").evaluate_all("items => items.map(li => li.dataset.ckQid)")


def set_label(number: int, total: int) -> str:
    return ui("practice_set", number=number, first=(number - 1) * SET_SIZE + 1, last=min(number * SET_SIZE, total))


def test_sets_of_a_bank_from_its_data_file(page, site_url):
    ids = bank_ids()
    sets = -(-len(ids) // SET_SIZE)
    assert sets > 2, "the real bank spans several sets"
    page.goto(site_url + f"practice/{BANK}/")
    expect(page.locator(".ck-set-status")).to_have_text(set_label(1, len(ids)))
    assert shown_ids(page) == ids[:SET_SIZE]
    chooser = page.get_by_role("navigation", name=ui("practice_sets"))
    expect(chooser.get_by_role("button")).to_have_count(sets)
    expect(chooser.locator("[aria-current]")).to_have_text(ui("practice_set_short", number=1))
    expect(page.locator(".ck-quiz .ck-needs-js")).to_have_count(0)
    assert not any(url.endswith(f"bank-{BANK}.json") for url in page.requests_seen), "set 1 needs no fetch"

    # The button under the list leads to the next set; the address keeps it.
    page.get_by_role("button", name=ui("practice_next_set", label=set_label(2, len(ids)))).click()
    expect(page.locator(".ck-set-status")).to_have_text(set_label(2, len(ids)))
    expect(page).to_have_url(site_url + f"practice/{BANK}/?set=2")
    assert shown_ids(page) == ids[SET_SIZE : 2 * SET_SIZE]
    expect(page.locator(".ck-quiz li.ck-question").first.locator("legend")).to_contain_text(f"{SET_SIZE + 1}.")

    # A question of a fetched set works like any other: feedback with a working citation link.
    item = page.locator(".ck-quiz li.ck-question").first
    qid = item.get_attribute("data-ck-qid")
    answer_somehow(item)
    expect(item.locator(".ck-verdict")).to_have_count(1)
    source = item.locator(".ck-feedback a.ck-source").first
    assert absolute_href(source).startswith(site_url + "citations/#")
    assert qid in stored_state(page)["questions"]

    # The last set, straight from the address, holds what is left of the bank.
    page.goto(site_url + f"practice/{BANK}/?set={sets}")
    expect(page.locator(".ck-set-status")).to_have_text(set_label(sets, len(ids)))
    assert shown_ids(page) == ids[(sets - 1) * SET_SIZE :]
    expect(page.locator(".ck-next-set button")).to_have_count(0)
    # An address with no such set shows the first.
    page.goto(site_url + f"practice/{BANK}/?set=99")
    assert shown_ids(page) == ids[:SET_SIZE]
    assert_clean(page, site_url)


def test_a_failed_fetch_is_said_and_tried_again(page, site_url):
    blocked = failing_until_released(page, f"**/bank-{BANK}.json")
    page.goto(site_url + f"practice/{BANK}/")
    chooser = page.get_by_role("navigation", name=ui("practice_sets"))
    chooser.get_by_role("button", name=set_label(3, len(bank_ids())), exact=True).click()
    expect(page.locator(".ck-set-status")).to_have_text(ui("load_failed"))
    expect(page.locator(".ck-quiz li.ck-question")).to_have_count(0)
    blocked["on"] = False
    chooser.get_by_role("button", name=set_label(3, len(bank_ids())), exact=True).click()
    expect(page.locator(".ck-set-status")).to_have_text(set_label(3, len(bank_ids())))
    assert shown_ids(page) == bank_ids()[2 * SET_SIZE : 3 * SET_SIZE]
