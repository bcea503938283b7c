-- 0044: issue 16 §1. Tasking meeting packs: an area and a period's pack (PDF, HTML, a CSV per table), built by a job
-- under its maker's own access, kept with who made it, its progress and the highest marking of its content. A pack is
-- read only by users of its maker's agency in its maker's role, who see the same rows through row-level security.
CREATE TABLE meeting_packs (
    id uuid PRIMARY KEY,
    agency_id uuid NOT NULL REFERENCES agencies (id),
    made_by text NOT NULL CHECK (length(made_by) BETWEEN 1 AND 200),
    made_by_role text NOT NULL CHECK (made_by_role IN ('tasking_member', 'analyst', 'licensing_officer', 'supervisor')),
    title text NOT NULL CHECK (length(title) BETWEEN 1 AND 200),
    area geometry(Polygon, 4326) NOT NULL,
    period_from timestamptz NOT NULL,
    period_to timestamptz NOT NULL CHECK (period_to > period_from),
    status text NOT NULL CHECK (status IN ('queued', 'running', 'succeeded', 'failed')),
    progress_percent integer NOT NULL CHECK (progress_percent BETWEEN 0 AND 100),
    security_marking text CHECK (security_marking IN ('OFFICIAL', 'OFFICIAL-SENSITIVE')),
    handling_conditions text,
    failure text,
    requested_at timestamptz NOT NULL,
    finished_at timestamptz
);
CREATE INDEX meeting_packs_agency_role_idx ON meeting_packs (agency_id, made_by_role, requested_at DESC);

CREATE TABLE meeting_pack_files (
    pack_id uuid NOT NULL REFERENCES meeting_packs (id) ON DELETE CASCADE,
    name text NOT NULL CHECK (name ~ '^[a-z][a-z0-9-]*\.(pdf|html|csv)$'),
    content_type text NOT NULL,
    content bytea NOT NULL,
    PRIMARY KEY (pack_id, name)
);

ALTER TABLE meeting_packs ENABLE ROW LEVEL SECURITY;
CREATE POLICY meeting_packs_read ON meeting_packs FOR SELECT
    USING (agency_id = (SELECT app_agency_id()) AND made_by_role = (SELECT app_role()));
CREATE POLICY meeting_packs_insert ON meeting_packs FOR INSERT
    WITH CHECK (agency_id = (SELECT app_agency_id()) AND made_by_role = (SELECT app_role()) AND made_by = (SELECT app_user_id()));
CREATE POLICY meeting_packs_update ON meeting_packs FOR UPDATE
    USING (agency_id = (SELECT app_agency_id()) AND made_by = (SELECT app_user_id()) AND made_by_role = (SELECT app_role()))
    WITH CHECK (agency_id = (SELECT app_agency_id()) AND made_by = (SELECT app_user_id()) AND made_by_role = (SELECT app_role()));

ALTER TABLE meeting_pack_files ENABLE ROW LEVEL SECURITY;
CREATE POLICY meeting_pack_files_read ON meeting_pack_files FOR SELECT
    USING (EXISTS (SELECT 1 FROM meeting_packs p WHERE p.id = pack_id));
CREATE POLICY meeting_pack_files_insert ON meeting_pack_files FOR INSERT
    WITH CHECK (EXISTS (SELECT 1 FROM meeting_packs p WHERE p.id = pack_id AND p.made_by = (SELECT app_user_id())));
CREATE POLICY meeting_pack_files_delete ON meeting_pack_files FOR DELETE
    USING (EXISTS (SELECT 1 FROM meeting_packs p WHERE p.id = pack_id AND p.made_by = (SELECT app_user_id())));

GRANT SELECT, INSERT, UPDATE ON meeting_packs TO hotspotintel_app;
GRANT SELECT, INSERT, DELETE ON meeting_pack_files TO hotspotintel_app;
