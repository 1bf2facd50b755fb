#!/usr/bin/env python3
# a11y-names.py PID: reads a running GTK application over AT-SPI, the way
# Orca does, and prints one line for every control a screen reader could
# not name: its role, then the path of named ancestors that leads to it.
#
# A control's name is what Orca speaks when it gets the focus. GTK 4.8
# falls back to the widget's type name ("GtkImage", "GtkMenuButton") when
# a widget has no label, so a type name counts as no name; so does an
# empty one. A tooltip is a description, never a name. Scroll bars are
# left out: they take no focus and Orca does not name them.
#
# SPDX-License-Identifier: GPL-3.0-or-later
import re
import sys

import pyatspi

CONTROL_ROLES = {
    pyatspi.ROLE_PUSH_BUTTON, pyatspi.ROLE_TOGGLE_BUTTON, pyatspi.ROLE_CHECK_BOX,
    pyatspi.ROLE_RADIO_BUTTON, pyatspi.ROLE_ENTRY, pyatspi.ROLE_PASSWORD_TEXT,
    pyatspi.ROLE_SPIN_BUTTON, pyatspi.ROLE_COMBO_BOX, pyatspi.ROLE_LINK,
    pyatspi.ROLE_MENU_ITEM, pyatspi.ROLE_CHECK_MENU_ITEM, pyatspi.ROLE_RADIO_MENU_ITEM,
    pyatspi.ROLE_PAGE_TAB, pyatspi.ROLE_SLIDER,
}
TYPE_NAME = re.compile(r'^(Gtk|Adw|Crm)[A-Z][A-Za-z]*$')
# Not a name either: what an icon-only control shows is its icon.
ICON_NAME = re.compile(r'-symbolic$')


def speakable(name):
    return bool(name and name.strip()) and not TYPE_NAME.match(name) and not ICON_NAME.search(name)


def walk(obj, path, roles, depth=0):
    if obj is None or depth > 200:
        return
    try:
        role = obj.getRole()
        name = obj.name or ''
        states = obj.getState()
        children = list(obj)
    except Exception:
        # The widget went away while we read it: not ours to judge.
        return
    # What is not visible (a page not shown, an unrevealed bar) is read
    # again in the state where it is.
    if not states.contains(pyatspi.STATE_VISIBLE):
        return
    if role in CONTROL_ROLES and not speakable(name):
        try:
            description = obj.description
        except Exception:
            description = ''
        hint = ' (description "%s")' % description if description else ''
        print('%s "%s"%s in %s [%s]' % (obj.getRoleName(), name, hint, ' > '.join(path), ' '.join(roles)))
    step = path + ['%s "%s"' % (obj.getRoleName(), name)] if speakable(name) else path
    for child in children:
        walk(child, step, roles + [obj.getRoleName().replace(' ', '-')], depth + 1)


def main():
    pid = int(sys.argv[1])
    desktop = pyatspi.Registry.getDesktop(0)
    found = False
    for app in desktop:
        try:
            if app is None or app.get_process_id() != pid:
                continue
        except Exception:
            continue
        found = True
        for window in app:
            walk(window, [], [])
    sys.stdout.flush()
    if not found:
        print('no application with process id %d on the accessibility bus' % pid, file=sys.stderr)
        return 2
    return 0


if __name__ == '__main__':
    sys.exit(main())
