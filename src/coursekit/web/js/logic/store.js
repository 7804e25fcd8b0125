/* Reading and writing the saved state (logic/state.js) in a storage such as localStorage,
 * without losing anything the learner saved. Pure apart from the storage object handed to
 * createStore, so `node --test` runs it with a stand-in for localStorage.
 */

import { ASIDE_KEY, emptyState, isNewerState, repairState, STORE_KEY, validState } from "./state.js";

var MAX_ASIDE = 5; // unreadable states kept aside, newest last

function isQuotaError(e) {
  return !!e && (e.name === "QuotaExceededError" || e.name === "NS_ERROR_DOM_QUOTA_REACHED" || e.code === 22 || e.code === 1014);
}

/* Reading and writing the state. ``openStorage()`` returns the storage (window.localStorage in
   the browser); it may throw, or the storage may refuse writes (private mode, a disabled
   store), and then the state lives in memory for this page. ``notice(key, values)`` tells the
   learner (keys: storage_unavailable, storage_repaired, storage_set_aside, storage_newer,
   storage_failed).

   Nothing the learner saved is ever lost to a damaged record: a state with bad records keeps
   the good ones (repairState), and whatever the page cannot read is first copied, as it was,
   under ASIDE_KEY, where the export picks it up. A state written by a newer version of the site
   (after a rollback, say) is read as far as this page understands it and never written over:
   answers on this page then live in memory only, and the learner is told. */
export function createStore(openStorage, notice) {
  var storage = null; // the storage when usable, false when not; probed once, lazily
  var memoryState = null; // stands in for the storage when it is not usable or must not be written
  var readOnly = false; // the stored state is one this page must not overwrite

  function usableStorage() {
    if (storage === null) {
      var candidate = null;
      try {
        candidate = openStorage();
        var probe = STORE_KEY + ":probe";
        candidate.setItem(probe, "1");
        candidate.removeItem(probe);
        storage = candidate;
      } catch (e) {
        storage = false;
        // Full, not blocked: what is saved can still be read; saving says the space is full.
        if (candidate && isQuotaError(e)) {
          try {
            candidate.getItem(STORE_KEY);
            storage = candidate;
          } catch (ignored) {
            storage = false;
          }
        }
      }
    }
    return storage;
  }

  function readAside(store) {
    try {
      var list = JSON.parse(store.getItem(ASIDE_KEY) || "[]");
      return Array.isArray(list) ? list : [];
    } catch (e) {
      return [];
    }
  }

  /* Copy ``raw`` under ASIDE_KEY; false when that cannot be written. */
  function setAside(store, raw) {
    var list = readAside(store);
    if (list.some(function (entry) { return entry && entry.text === raw; })) return true;
    list.push({ at: Date.now(), text: raw });
    try {
      store.setItem(ASIDE_KEY, JSON.stringify(list.slice(-MAX_ASIDE)));
      return true;
    } catch (e) {
      return false;
    }
  }

  function load() {
    var store = usableStorage();
    if (!store) {
      notice("storage_unavailable");
      return memoryState || (memoryState = emptyState());
    }
    if (readOnly) return memoryState;
    var raw = store.getItem(STORE_KEY);
    if (raw === null) return emptyState();
    var value;
    try {
      value = JSON.parse(raw);
    } catch (e) {
      value = undefined;
    }
    if (validState(value)) return value;
    if (isNewerState(value)) {
      readOnly = true;
      notice("storage_newer");
      var readable = repairState(Object.assign({}, value, { version: 1 }));
      memoryState = readable ? readable.state : emptyState();
      memoryState.version = 1;
      return memoryState;
    }
    var repaired = repairState(value);
    if (!setAside(store, raw)) {
      // Not even a copy fits: leave the stored text alone and work in memory.
      readOnly = true;
      notice("storage_failed");
      memoryState = repaired ? repaired.state : emptyState();
      return memoryState;
    }
    var state = repaired ? repaired.state : emptyState();
    if (repaired) notice("storage_repaired", { count: repaired.dropped });
    else notice("storage_set_aside");
    save(state);
    return state;
  }

  function save(state) {
    var store = usableStorage();
    if (!store || readOnly) {
      memoryState = state;
      return;
    }
    try {
      store.setItem(STORE_KEY, JSON.stringify(state));
    } catch (e) {
      notice("storage_failed");
    }
  }

  /* Read, change, write: re-reading first keeps what another tab saved meanwhile. */
  function update(change) {
    var state = load();
    change(state);
    save(state);
    return state;
  }

  /* What a backup holds: the state, and, as they were, whatever this page could not read (the
     texts set aside, and a newer version's state). */
  function exported() {
    var data = JSON.parse(JSON.stringify(load()));
    var store = usableStorage();
    if (store) {
      var kept = readAside(store).map(function (entry) { return entry.text; });
      if (readOnly) {
        var raw = store.getItem(STORE_KEY);
        if (raw !== null) kept.push(raw);
      }
      if (kept.length) data.set_aside = kept;
    }
    return data;
  }

  return { load: load, save: save, update: update, exported: exported };
}
