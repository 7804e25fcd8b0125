"""One module per ``coursekit`` subcommand. Each exposes ``register(subparsers)``, which adds its
parser and sets ``func`` to a function taking the parsed arguments and returning the exit status."""

# The order here is the order of ``coursekit --help``.
COMMANDS = ["check", "review", "bench", "publish", "check_links", "csp", "paper", "plan", "results", "import_bank", "export_bank", "template"]


def fail(message: str) -> int:
    """Say why a command stopped (on standard error) and give its exit status."""
    import sys

    print(message, file=sys.stderr)
    return 1
