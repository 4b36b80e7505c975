"""``ses-errors gate``: see and steer an account's fleet gate, as every worker shares it.

``gate status`` shows the state as data, ``gate open`` reopens it at once for every worker,
``gate close --hold SECONDS`` closes it for that long. The fleet's own rate, window and lanes
are read from the shared state, so the operator needs only where it is and whose it is.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import argparse
    from collections.abc import Callable
    from typing import TextIO

    from ses_errors.fleet import Gate


def add_commands(
    commands: Any,  # noqa: ANN401 - argparse's subparsers action
    usage_error: type[Exception],
    print_json: Callable[[object, TextIO], None],
    print_fields: Callable[[str, list[tuple[str, str]], TextIO], None],
) -> None:
    """Add ``gate status``, ``gate open`` and ``gate close`` to the command line."""
    gate = commands.add_parser("gate", help="see or steer an account's fleet gate")
    actions = gate.add_subparsers(required=True, metavar="ACTION")
    for name, help_text in (
        ("status", "show the gate: rate, budget, what is closed"),
        ("open", "reopen the gate at once, for every worker"),
        ("close", "close the gate for every worker, for --hold seconds"),
    ):
        action = actions.add_parser(name, help=help_text)
        action.add_argument("--redis", required=True, metavar="URL", help="the fleet's Redis")
        action.add_argument("--account", required=True, help="the account, as the workers name it")
        action.add_argument("--json", action="store_true", help="print JSON")
        if name == "close":
            action.add_argument("--hold", type=float, required=True, metavar="SECONDS")
        action.set_defaults(run=_GateCommand(name, usage_error, print_json, print_fields))


class _GateCommand:
    """One ``gate`` action, with the CLI's own error and printers."""

    def __init__(
        self,
        action: str,
        usage_error: type[Exception],
        print_json: Callable[[object, TextIO], None],
        print_fields: Callable[[str, list[tuple[str, str]], TextIO], None],
    ) -> None:
        self.action = action
        self.usage_error = usage_error
        self.print_json = print_json
        self.print_fields = print_fields

    def __call__(self, args: argparse.Namespace, out: TextIO) -> None:
        gate = _gate(args, self.usage_error)
        if self.action == "open":
            gate.open()
        elif self.action == "close":
            try:
                gate.close(args.hold)
            except ValueError as exc:
                raise self.usage_error(str(exc)) from None
        status = gate.status()
        if status["fallen_back"]:
            msg = f"Redis did not answer ({status['cause']}); nothing was changed"
            raise self.usage_error(msg)
        if args.json:
            self.print_json(status, out)
            return
        self.print_fields(f"gate of {status['account']}", _fields(status), out)


def _gate(args: argparse.Namespace, usage_error: type[Exception]) -> Gate:
    from ses_errors import fleet  # noqa: PLC0415 - the other commands need no fleet

    try:
        # The rate is the fleet's to set: the gate made here only reads and steers.
        return fleet.Gate(args.redis, account=args.account, max_rate=1.0)
    except (ValueError, TypeError, ImportError) as exc:
        raise usage_error(f"cannot reach the gate: {exc}") from None


def _fields(status: dict[str, Any]) -> list[tuple[str, str]]:
    cut = status["cut"]
    fields = [
        ("rate", f"{status['rate']:g} of {status['max_rate']:g} recipients a second"),
        ("cut", "none" if cut is None else f"to {cut['rate']:g}, full in {cut['full_in']:.0f} s"),
    ]
    budget = status["budget"]
    if budget is None:
        fields.append(("budget", "none"))
    else:
        fields.append(("budget", f"{budget['quota']:g} recipients in {budget['window']:g} s"))
        fields += [
            (f"  {lane}", f"{lane_budget['used']:g} used, {lane_budget['left']:g} left")
            for lane, lane_budget in budget["lanes"].items()
        ]
    closed = status["closed"] or [None]
    fields += [
        ("closed", "nothing")
        if scope is None
        else (
            "closed",
            f"{scope['scope']} by {scope['error']}, {scope['seconds_left']:.0f} s left"
            + (", a trial is out" if scope["trial_out"] else ""),
        )
        for scope in closed
    ]
    fields.append(("workers", str(status["workers"])))
    return fields
