/* The order question's widget: a list with move-up / move-down buttons (keyboard and touch; no
 * dragging needed). A builder for components/question.js. */

import { isPermutation } from "../logic/attempt.js";
import { scrambled } from "../logic/draw.js";
import { scoreOrder } from "../logic/scoring.js";
import { t } from "../logic/strings.js";
import { clear, el, nextId } from "../browser/dom.js";

export function orderBuilder(w) {
  var q = w.q;
  var hintId = nextId("hint");
  var list = el("ol", { class: "ck-order", "aria-describedby": hintId });
  var said = el("p", { class: "ck-sr", "aria-live": "polite" });
  w.body.appendChild(el("p", { class: "ck-hint", id: hintId, text: t("order_hint") }));
  w.body.appendChild(list);
  w.body.appendChild(said);
  w.current = scrambled(q.options.length);
  w.touched = false;
  function draw(focusIndex, direction) {
    clear(list);
    w.current.forEach(function (index, position) {
      var item = q.options[index];
      var up = el("button", { type: "button", class: "ck-move ck-up", "aria-label": t("move_up", { item: item }), disabled: position === 0 || w.locked });
      var down = el("button", { type: "button", class: "ck-move ck-down", "aria-label": t("move_down", { item: item }), disabled: position === w.current.length - 1 || w.locked });
      up.addEventListener("click", function () { move(position, -1); });
      down.addEventListener("click", function () { move(position, 1); });
      list.appendChild(el("li", { class: "ck-order-item", "data-ck-index": String(index) }, [el("span", { class: "ck-order-pos", text: String(position + 1) }), el("span", { class: "ck-order-text", text: item }), el("span", { class: "ck-order-moves" }, [up, down])]));
      if (index === focusIndex) {
        var target = direction < 0 ? (up.disabled ? down : up) : (down.disabled ? up : down);
        setTimeout(function () { target.focus(); }, 0);
      }
    });
  }
  function move(position, delta) {
    var index = w.current[position];
    w.current[position] = w.current[position + delta];
    w.current[position + delta] = index;
    w.touched = true;
    draw(index, delta);
    said.textContent = t("moved", { item: q.options[index], position: position + delta + 1 });
  }
  draw(-1, 0);
  w.result = function () {
    return scoreOrder(q, w.current, w.touched);
  };
  w.snapshot = function () {
    return { current: w.current.slice(), touched: w.touched };
  };
  w.restore = function (saved) {
    if (!saved || !isPermutation(saved.current, q.options.length)) return;
    w.current = saved.current.slice();
    w.touched = !!saved.touched;
    draw(-1, 0);
  };
  w.correctText = function () {
    return q.answerText;
  };
  w.mark = function (res) {
    Array.prototype.forEach.call(list.children, function (li, position) {
      li.classList.add(res.each[position] ? "ck-is-right" : "ck-is-wrong");
    });
  };
  w.afterLock = function () {
    draw(-1, 0); // redraw so the move buttons come back disabled
  };
}
