/* An exam attempt in progress over localStorage (logic/attempt.js): read, written as each answer
 * is given, dropped once submitted. A storage that refuses says so with the usual notice. */

import { attemptKey, parseAttempt } from "../logic/attempt.js";
import { notice } from "./dom.js";

export function readAttempt(paperId) {
  try {
    var raw = window.localStorage.getItem(attemptKey(paperId));
    return raw === null ? null : parseAttempt(raw, paperId);
  } catch (e) {
    return null;
  }
}

export function writeAttempt(attempt) {
  try {
    window.localStorage.setItem(attemptKey(attempt.paper), JSON.stringify(attempt));
  } catch (e) {
    notice("storage_failed");
  }
}

export function dropAttempt(paperId) {
  try {
    window.localStorage.removeItem(attemptKey(paperId));
  } catch (e) {
    /* nothing saved, nothing to drop */
  }
}
