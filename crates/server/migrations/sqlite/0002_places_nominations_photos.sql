-- The place register, residents' photos and nominations.

CREATE TABLE places (
    id          INTEGER PRIMARY KEY,
    category    TEXT    NOT NULL CHECK (category IN ('village', 'ditch', 'road', 'market')),
    name        TEXT    NOT NULL,
    town        TEXT    NOT NULL,
    district    TEXT    NOT NULL CHECK (district IN ('xiangqiao', 'chaoan', 'raoping', 'fengxi')),
    latitude    REAL,
    longitude   REAL,
    -- Who put it in the register: the office's list, a resident's nomination, a department.
    source      TEXT    NOT NULL CHECK (source IN ('register', 'resident', 'department')),
    created_at  TEXT    NOT NULL,
    updated_at  TEXT    NOT NULL,
    -- One record per place: a resident naming a known place joins its history.
    UNIQUE (category, town, name),
    CHECK ((latitude IS NULL) = (longitude IS NULL))
);
CREATE INDEX places_category_name ON places (category, name);

CREATE TABLE photos (
    -- A random token the server made (22 base64url characters); files are stored under it.
    id                  TEXT    PRIMARY KEY,
    width               INTEGER NOT NULL,
    height              INTEGER NOT NULL,
    bytes               INTEGER NOT NULL,
    -- 64-bit difference hash, for near-identical photo suggestions.
    dhash               INTEGER NOT NULL,
    -- GPS from the original's EXIF: for staff only; the served copy has no metadata.
    original_latitude   REAL,
    original_longitude  REAL,
    created_at          TEXT    NOT NULL
);

CREATE TABLE nominations (
    id              INTEGER PRIMARY KEY,
    round_id        INTEGER NOT NULL REFERENCES rounds (id),
    category        TEXT    NOT NULL CHECK (category IN ('village', 'ditch', 'road', 'market')),
    place_id        INTEGER NOT NULL REFERENCES places (id),
    description     TEXT    NOT NULL,
    latitude        REAL,
    longitude       REAL,
    contact_phone   TEXT,
    -- SHA-256 of the app's device id, for rate limits and abuse review; never the raw id.
    device_hash     TEXT,
    created_at      TEXT    NOT NULL
);
CREATE INDEX nominations_round_category ON nominations (round_id, category, place_id);

CREATE TABLE nomination_photos (
    nomination_id   INTEGER NOT NULL REFERENCES nominations (id) ON DELETE CASCADE,
    -- A photo belongs to one nomination at most.
    photo_id        TEXT    NOT NULL UNIQUE REFERENCES photos (id),
    position        INTEGER NOT NULL CHECK (position BETWEEN 0 AND 5),
    PRIMARY KEY (nomination_id, position)
);
