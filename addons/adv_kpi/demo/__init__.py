# Copyright 2026 ADV Suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
# Demo-only code, imported by the post-install hook of demo databases.
