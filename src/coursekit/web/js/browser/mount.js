/* Mounting: which component mounts on which element, once per element. */

/* Mount each [selector, mount] of `components` on every element it matches, once per element,
 * whether Material's document$ or DOMContentLoaded calls; then again on each new page Material shows. */
export function mountOnPage(components) {
  function mountAll() {
    components.forEach(function (component) {
      Array.prototype.forEach.call(document.querySelectorAll(component[0]), function (node) {
        if (node.hasAttribute("data-ck-ready")) return;
        node.setAttribute("data-ck-ready", "");
        try {
          component[1](node);
        } catch (error) {
          // One broken block must not stop the others; still report it.
          setTimeout(function () { throw error; }, 0);
        }
      });
    });
  }
  if (window.document$ && typeof window.document$.subscribe === "function") window.document$.subscribe(mountAll);
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", mountAll);
  else mountAll();
}
