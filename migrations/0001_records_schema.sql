-- 0001: PostGIS and the records schema: agencies, intelligence reports and the persons, premises, locations and
-- vehicles they mention, links with their provenance, missing episodes, bulk imports and idempotent requests.
-- Geometry is stored in WGS84 (SRID 4326); enum-like columns are text checked by domains so values read as words.
CREATE EXTENSION IF NOT EXISTS postgis;

CREATE DOMAIN handling_code AS text CHECK (VALUE IN ('P', 'C'));
CREATE DOMAIN security_marking AS text CHECK (VALUE IN ('OFFICIAL', 'OFFICIAL-SENSITIVE'));
CREATE DOMAIN lawful_basis AS text CHECK (VALUE IN ('law_enforcement', 'public_task', 'legal_obligation', 'vital_interests'));
CREATE DOMAIN source_evaluation AS text CHECK (VALUE IN ('1', '2', '3'));
CREATE DOMAIN intelligence_assessment AS text CHECK (VALUE IN ('A', 'B', 'C', 'D', 'E'));

CREATE TABLE agencies (
    id uuid PRIMARY KEY,
    code text NOT NULL UNIQUE CHECK (code ~ '^[A-Z0-9-]{2,16}$'),
    name text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
    kind text NOT NULL CHECK (kind IN ('police', 'council', 'health', 'education', 'voluntary'))
);

CREATE TABLE imports (
    id uuid PRIMARY KEY,
    idempotency_key text NOT NULL UNIQUE,
    kind text NOT NULL CHECK (kind IN ('reports', 'premises')),
    content_sha256 text NOT NULL,
    agency_id uuid NOT NULL REFERENCES agencies (id),
    row_count integer NOT NULL CHECK (row_count >= 0),
    imported_at timestamptz NOT NULL
);

CREATE TABLE intelligence_reports (
    id uuid PRIMARY KEY,
    agency_id uuid NOT NULL REFERENCES agencies (id),
    category text NOT NULL CHECK (category IN ('child_with_adults', 'party_house', 'vehicle_pick_up', 'premises_concern',
        'missing_found_location', 'location_concern', 'other')),
    narrative text NOT NULL CHECK (length(narrative) BETWEEN 1 AND 20000),
    occurred_at timestamptz NOT NULL,
    recorded_at timestamptz NOT NULL,
    location geometry(Point, 4326) NOT NULL,
    location_precision_meters integer NOT NULL CHECK (location_precision_meters BETWEEN 0 AND 100000),
    source_evaluation source_evaluation NOT NULL,
    intelligence_assessment intelligence_assessment NOT NULL,
    handling_code handling_code NOT NULL,
    handling_conditions text,
    historic_grading text CHECK (length(historic_grading) <= 20),
    security_marking security_marking NOT NULL,
    lawful_basis lawful_basis NOT NULL,
    review_on date NOT NULL,
    import_id uuid REFERENCES imports (id) ON DELETE SET NULL,
    created_at timestamptz NOT NULL,
    updated_at timestamptz NOT NULL,
    CONSTRAINT intelligence_reports_conditions_match_code CHECK ((handling_code = 'C') = (handling_conditions IS NOT NULL))
);
CREATE INDEX intelligence_reports_location_idx ON intelligence_reports USING gist (location);
CREATE INDEX intelligence_reports_occurred_at_idx ON intelligence_reports (occurred_at);
CREATE INDEX intelligence_reports_agency_id_idx ON intelligence_reports (agency_id);
CREATE INDEX intelligence_reports_import_id_idx ON intelligence_reports (import_id) WHERE import_id IS NOT NULL;

CREATE TABLE persons (
    id uuid PRIMARY KEY,
    agency_id uuid NOT NULL REFERENCES agencies (id),
    role text NOT NULL CHECK (role IN ('adult_of_concern', 'child_at_risk', 'associate', 'licence_holder')),
    family_name text NOT NULL CHECK (length(family_name) BETWEEN 1 AND 200),
    given_names text NOT NULL CHECK (length(given_names) BETWEEN 1 AND 200),
    aliases text[] NOT NULL DEFAULT '{}',
    date_of_birth date,
    description text CHECK (length(description) <= 5000),
    handling_code handling_code NOT NULL,
    handling_conditions text,
    security_marking security_marking NOT NULL,
    lawful_basis lawful_basis NOT NULL,
    review_on date NOT NULL,
    created_at timestamptz NOT NULL,
    updated_at timestamptz NOT NULL,
    CONSTRAINT persons_conditions_match_code CHECK ((handling_code = 'C') = (handling_conditions IS NOT NULL))
);
CREATE INDEX persons_agency_id_idx ON persons (agency_id);
CREATE INDEX persons_family_name_idx ON persons (lower(family_name));

CREATE TABLE premises (
    id uuid PRIMARY KEY,
    agency_id uuid NOT NULL REFERENCES agencies (id),
    name text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
    premises_type text NOT NULL CHECK (premises_type IN ('licensed_premises', 'late_night_refreshment', 'hotel',
        'bed_and_breakfast', 'hostel', 'house_in_multiple_occupation', 'private_hire_operator', 'shop', 'other')),
    address text NOT NULL CHECK (length(address) BETWEEN 1 AND 500),
    postcode text CHECK (postcode ~ '^[A-Z]{1,2}[0-9][0-9A-Z]? [0-9][A-Z]{2}$'),
    uprn bigint CHECK (uprn > 0),
    licence_number text CHECK (length(licence_number) BETWEEN 1 AND 50),
    licensing_authority text CHECK (length(licensing_authority) BETWEEN 1 AND 200),
    location geometry(Point, 4326) NOT NULL,
    handling_code handling_code NOT NULL,
    handling_conditions text,
    security_marking security_marking NOT NULL,
    lawful_basis lawful_basis NOT NULL,
    review_on date NOT NULL,
    import_id uuid REFERENCES imports (id) ON DELETE SET NULL,
    created_at timestamptz NOT NULL,
    updated_at timestamptz NOT NULL,
    CONSTRAINT premises_conditions_match_code CHECK ((handling_code = 'C') = (handling_conditions IS NOT NULL))
);
CREATE INDEX premises_location_idx ON premises USING gist (location);
CREATE INDEX premises_agency_id_idx ON premises (agency_id);
CREATE INDEX premises_postcode_idx ON premises (postcode);
CREATE INDEX premises_licence_number_idx ON premises (licence_number);
CREATE INDEX premises_uprn_idx ON premises (uprn);

CREATE TABLE locations (
    id uuid PRIMARY KEY,
    agency_id uuid NOT NULL REFERENCES agencies (id),
    name text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
    location_type text NOT NULL CHECK (location_type IN ('park', 'bus_station', 'train_station', 'taxi_rank',
        'shopping_centre', 'school_surroundings', 'childrens_home_surroundings', 'other')),
    geometry geometry(Geometry, 4326) NOT NULL CHECK (ST_IsValid(geometry)
        AND GeometryType(geometry) IN ('POINT', 'POLYGON', 'MULTIPOLYGON')),
    handling_code handling_code NOT NULL,
    handling_conditions text,
    security_marking security_marking NOT NULL,
    lawful_basis lawful_basis NOT NULL,
    review_on date NOT NULL,
    created_at timestamptz NOT NULL,
    updated_at timestamptz NOT NULL,
    CONSTRAINT locations_conditions_match_code CHECK ((handling_code = 'C') = (handling_conditions IS NOT NULL))
);
CREATE INDEX locations_geometry_idx ON locations USING gist (geometry);
CREATE INDEX locations_agency_id_idx ON locations (agency_id);

CREATE TABLE vehicles (
    id uuid PRIMARY KEY,
    agency_id uuid NOT NULL REFERENCES agencies (id),
    registration_mark text NOT NULL CHECK (registration_mark ~ '^[A-Z0-9]{1,8}$'),
    make text CHECK (length(make) <= 100),
    model text CHECK (length(model) <= 100),
    colour text CHECK (length(colour) <= 50),
    licence_type text NOT NULL CHECK (licence_type IN ('none', 'hackney_carriage', 'private_hire')),
    plate_number text CHECK (length(plate_number) BETWEEN 1 AND 30),
    licensing_authority text CHECK (length(licensing_authority) BETWEEN 1 AND 200),
    handling_code handling_code NOT NULL,
    handling_conditions text,
    security_marking security_marking NOT NULL,
    lawful_basis lawful_basis NOT NULL,
    review_on date NOT NULL,
    created_at timestamptz NOT NULL,
    updated_at timestamptz NOT NULL,
    CONSTRAINT vehicles_conditions_match_code CHECK ((handling_code = 'C') = (handling_conditions IS NOT NULL)),
    CONSTRAINT vehicles_plate_only_when_licensed CHECK ((licence_type = 'none') = (plate_number IS NULL))
);
CREATE INDEX vehicles_registration_mark_idx ON vehicles (registration_mark);
CREATE INDEX vehicles_plate_number_idx ON vehicles (plate_number);
CREATE INDEX vehicles_agency_id_idx ON vehicles (agency_id);

CREATE TABLE report_persons (
    report_id uuid NOT NULL REFERENCES intelligence_reports (id) ON DELETE CASCADE,
    person_id uuid NOT NULL REFERENCES persons (id) ON DELETE CASCADE,
    PRIMARY KEY (report_id, person_id)
);
CREATE INDEX report_persons_person_id_idx ON report_persons (person_id);

CREATE TABLE report_premises (
    report_id uuid NOT NULL REFERENCES intelligence_reports (id) ON DELETE CASCADE,
    premises_id uuid NOT NULL REFERENCES premises (id) ON DELETE CASCADE,
    PRIMARY KEY (report_id, premises_id)
);
CREATE INDEX report_premises_premises_id_idx ON report_premises (premises_id);

CREATE TABLE report_vehicles (
    report_id uuid NOT NULL REFERENCES intelligence_reports (id) ON DELETE CASCADE,
    vehicle_id uuid NOT NULL REFERENCES vehicles (id) ON DELETE CASCADE,
    PRIMARY KEY (report_id, vehicle_id)
);
CREATE INDEX report_vehicles_vehicle_id_idx ON report_vehicles (vehicle_id);

CREATE TABLE report_locations (
    report_id uuid NOT NULL REFERENCES intelligence_reports (id) ON DELETE CASCADE,
    location_id uuid NOT NULL REFERENCES locations (id) ON DELETE CASCADE,
    PRIMARY KEY (report_id, location_id)
);
CREATE INDEX report_locations_location_id_idx ON report_locations (location_id);

CREATE TABLE links (
    id uuid PRIMARY KEY,
    agency_id uuid NOT NULL REFERENCES agencies (id),
    kind text NOT NULL CHECK (kind IN ('person_person', 'person_premises', 'person_vehicle', 'person_location', 'premises_vehicle')),
    link_type text NOT NULL CHECK (link_type IN ('associate', 'family', 'relationship', 'owner_or_licence_holder', 'employee',
        'resident', 'driver', 'frequents', 'operates_from', 'seen_with')),
    person_id uuid REFERENCES persons (id) ON DELETE CASCADE,
    related_person_id uuid REFERENCES persons (id) ON DELETE CASCADE,
    premises_id uuid REFERENCES premises (id) ON DELETE CASCADE,
    vehicle_id uuid REFERENCES vehicles (id) ON DELETE CASCADE,
    location_id uuid REFERENCES locations (id) ON DELETE CASCADE,
    starts_on date,
    ends_on date,
    notes text CHECK (length(notes) <= 5000),
    handling_code handling_code NOT NULL,
    handling_conditions text,
    security_marking security_marking NOT NULL,
    lawful_basis lawful_basis NOT NULL,
    review_on date NOT NULL,
    created_at timestamptz NOT NULL,
    updated_at timestamptz NOT NULL,
    CONSTRAINT links_conditions_match_code CHECK ((handling_code = 'C') = (handling_conditions IS NOT NULL)),
    CONSTRAINT links_time_range_ordered CHECK (ends_on IS NULL OR starts_on IS NULL OR ends_on >= starts_on),
    -- Exactly the two ends the kind names are set, so a link can never dangle or join an unlinkable pair.
    CONSTRAINT links_ends_match_kind CHECK (
        (person_id IS NOT NULL)::int + (related_person_id IS NOT NULL)::int + (premises_id IS NOT NULL)::int
            + (vehicle_id IS NOT NULL)::int + (location_id IS NOT NULL)::int = 2
        AND CASE kind
            WHEN 'person_person' THEN person_id IS NOT NULL AND related_person_id IS NOT NULL AND person_id <> related_person_id
            WHEN 'person_premises' THEN person_id IS NOT NULL AND premises_id IS NOT NULL
            WHEN 'person_vehicle' THEN person_id IS NOT NULL AND vehicle_id IS NOT NULL
            WHEN 'person_location' THEN person_id IS NOT NULL AND location_id IS NOT NULL
            WHEN 'premises_vehicle' THEN premises_id IS NOT NULL AND vehicle_id IS NOT NULL
        END)
);
CREATE INDEX links_person_id_idx ON links (person_id) WHERE person_id IS NOT NULL;
CREATE INDEX links_related_person_id_idx ON links (related_person_id) WHERE related_person_id IS NOT NULL;
CREATE INDEX links_premises_id_idx ON links (premises_id) WHERE premises_id IS NOT NULL;
CREATE INDEX links_vehicle_id_idx ON links (vehicle_id) WHERE vehicle_id IS NOT NULL;
CREATE INDEX links_location_id_idx ON links (location_id) WHERE location_id IS NOT NULL;
CREATE INDEX links_agency_id_idx ON links (agency_id);

CREATE TABLE link_reports (
    link_id uuid NOT NULL REFERENCES links (id) ON DELETE CASCADE,
    report_id uuid NOT NULL REFERENCES intelligence_reports (id) ON DELETE CASCADE,
    PRIMARY KEY (link_id, report_id)
);
CREATE INDEX link_reports_report_id_idx ON link_reports (report_id);

CREATE TABLE missing_episodes (
    id uuid PRIMARY KEY,
    agency_id uuid NOT NULL REFERENCES agencies (id),
    person_id uuid NOT NULL REFERENCES persons (id) ON DELETE CASCADE,
    missing_from timestamptz NOT NULL,
    returned_at timestamptz CHECK (returned_at >= missing_from),
    found_location geometry(Point, 4326),
    from_care boolean NOT NULL,
    notes text CHECK (length(notes) <= 5000),
    handling_code handling_code NOT NULL,
    handling_conditions text,
    security_marking security_marking NOT NULL,
    lawful_basis lawful_basis NOT NULL,
    review_on date NOT NULL,
    created_at timestamptz NOT NULL,
    updated_at timestamptz NOT NULL,
    CONSTRAINT missing_episodes_conditions_match_code CHECK ((handling_code = 'C') = (handling_conditions IS NOT NULL))
);
CREATE INDEX missing_episodes_person_id_idx ON missing_episodes (person_id, missing_from);
CREATE INDEX missing_episodes_found_location_idx ON missing_episodes USING gist (found_location);

-- A retried POST with the same Idempotency-Key replays the first response instead of creating twice; keys are
-- scoped to the user who sent them, so one user's key can never replay another's response.
CREATE TABLE idempotent_requests (
    user_id text NOT NULL,
    idempotency_key text NOT NULL CHECK (length(idempotency_key) BETWEEN 1 AND 200),
    request_sha256 text NOT NULL,
    status_code integer NOT NULL,
    location text,
    response_body text NOT NULL,
    created_at timestamptz NOT NULL,
    PRIMARY KEY (user_id, idempotency_key)
);
