-- The register of units: the branches, CLPs, Labour Groups and affiliated organisations that
-- respond on behalf of their members. A unit's id is stable for its life, so that responses,
-- drafts and reminders can name it; re-importing the register finds a unit by its match_key
-- (its kind, constituency and English name as the import compares them) and updates it in place.
CREATE TABLE units (
  id INTEGER PRIMARY KEY,
  kind TEXT NOT NULL CHECK (kind IN ('clp', 'branch', 'labour-group', 'affiliate')),
  name_en TEXT NOT NULL CHECK (name_en <> ''),
  -- Empty where the unit has no Welsh name of its own: its English name is shown instead.
  name_cy TEXT NOT NULL DEFAULT '',
  -- A constituency slug of the consultation's content; NULL for a unit not in one constituency.
  constituency TEXT CHECK (kind NOT IN ('clp', 'branch') OR constituency IS NOT NULL),
  -- A branch belongs to its constituency's CLP, which cannot be deleted while it has branches.
  parent_clp_id INTEGER REFERENCES units (id) ON DELETE RESTRICT,
  -- The secretary's details are personal data: shown only to officers, erased with the unit.
  secretary_name TEXT NOT NULL DEFAULT '',
  secretary_email TEXT NOT NULL DEFAULT '',
  match_key TEXT NOT NULL UNIQUE,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  CHECK ((kind = 'branch') = (parent_clp_id IS NOT NULL))
) STRICT;
CREATE INDEX units_by_kind ON units (kind, constituency);
CREATE INDEX units_by_constituency ON units (constituency);
CREATE INDEX units_by_parent_clp ON units (parent_clp_id);

-- An import the officer has checked and not yet applied: the file kept between the preview and
-- the confirmation, found by the hash of an unguessable token and only by the officer who sent it.
CREATE TABLE unit_imports (
  token_hash TEXT PRIMARY KEY,
  officer_id INTEGER NOT NULL REFERENCES officers (id) ON DELETE CASCADE,
  csv_text TEXT NOT NULL,
  created_at TEXT NOT NULL
) STRICT;

-- Whether the content's own units (the CLPs) have been put in the register, once: a register the
-- officer later empties stays empty.
CREATE TABLE unit_register_state (
  id INTEGER PRIMARY KEY CHECK (id = 1),
  shipped_units_loaded_at TEXT NOT NULL
) STRICT;
