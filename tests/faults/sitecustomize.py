"""Python loads this at start-up when a test puts tests/faults on PYTHONPATH. It makes MkDocs fail
the way a server can while it writes a site, so the publish tests exercise the real build:

- ``COURSEKIT_TEST_FAULT=enospc:N``: the N-th file written raises OSError(ENOSPC), as on a full disk;
- ``COURSEKIT_TEST_FAULT=pause:N``: after N files, write ``COURSEKIT_TEST_FAULT_MARK`` and sleep,
  so a test can SIGKILL the build at a known point in the middle.

Processes without the variable (or without MkDocs) are not touched.
"""

import errno
import os
import time

_fault = os.environ.get("COURSEKIT_TEST_FAULT", "")
if _fault:
    try:
        import mkdocs.utils as _utils
    except ImportError:
        _utils = None
    if _utils is not None:
        _kind, _count = _fault.split(":")
        _limit = int(_count)
        _written = [0]

        def _faulty(original):
            def wrapper(*args, **kwargs):
                _written[0] += 1
                if _kind == "enospc" and _written[0] >= _limit:
                    raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC), str(args[-1]))
                result = original(*args, **kwargs)
                if _kind == "pause" and _written[0] == _limit:
                    with open(os.environ["COURSEKIT_TEST_FAULT_MARK"], "w") as mark:
                        mark.write(str(os.getpid()))
                    time.sleep(600)
                return result

            return wrapper

        _utils.write_file = _faulty(_utils.write_file)
        _utils.copy_file = _faulty(_utils.copy_file)
