/* A progress backup being imported (a file, or text pasted from a chat), read as stored data is
 * read (logic/state.js): record by record, so one bad record costs only itself. Pure.
 */

import { isNewerState, repairState } from "./state.js";

function isPlainObject(v) {
  return v !== null && typeof v === "object" && !Array.isArray(v);
}

/* ``{ state, dropped }``: the valid records and how many were dropped; null when the text is no
   learning record at all. A newer version's backup is read as far as this page understands it. */
export function readBackup(text) {
  var value;
  try {
    value = JSON.parse(text);
  } catch (e) {
    return null;
  }
  if (isNewerState(value)) value = Object.assign({}, value, { version: 1 });
  var repaired = repairState(value);
  if (!repaired || !(isPlainObject(value.questions) || isPlainObject(value.lessons) || Array.isArray(value.exams))) return null;
  return repaired;
}
