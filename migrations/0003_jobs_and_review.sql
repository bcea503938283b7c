-- 0003: storage for Hangfire (its own schema, owned by the application role so Hangfire can create and upgrade its
-- tables) and the review worklist: records past their review date, listed by a job for supervisors to retain or erase.
CREATE SCHEMA IF NOT EXISTS hangfire AUTHORIZATION hotspotintel_app;

-- An erased report keeps what hotspots and counts need (place, time, category, grading) and loses the rest.
ALTER TABLE intelligence_reports ADD COLUMN erased_on date;

CREATE TABLE records_due_for_review (
    entity_kind text NOT NULL CHECK (entity_kind IN ('reports', 'persons', 'premises', 'locations', 'vehicles', 'links', 'missing-episodes')),
    entity_id uuid NOT NULL,
    agency_id uuid NOT NULL REFERENCES agencies (id) ON DELETE CASCADE,
    review_on date NOT NULL,
    listed_at timestamptz NOT NULL,
    PRIMARY KEY (entity_kind, entity_id)
);
CREATE INDEX records_due_for_review_agency_idx ON records_due_for_review (agency_id, review_on);

-- Supervisors see their own agency's worklist; the listing job (system) rewrites it.
ALTER TABLE records_due_for_review ENABLE ROW LEVEL SECURITY;
CREATE POLICY records_due_for_review_read ON records_due_for_review FOR SELECT
    USING ((app_role() = 'supervisor' AND agency_id = app_agency_id()) OR app_role() = 'system');
CREATE POLICY records_due_for_review_insert ON records_due_for_review FOR INSERT WITH CHECK (app_role() = 'system');
CREATE POLICY records_due_for_review_delete ON records_due_for_review FOR DELETE
    USING ((app_role() = 'supervisor' AND agency_id = app_agency_id()) OR app_role() = 'system');
GRANT SELECT, INSERT, DELETE ON records_due_for_review TO hotspotintel_app;

-- The view of reports gains the erasure marker.
CREATE OR REPLACE VIEW reports_for_role WITH (security_invoker = true) AS
SELECT r.id, r.agency_id, r.category,
       CASE WHEN m.masked THEN '[withheld: this report is linked to a child]' ELSE r.narrative END AS narrative,
       r.occurred_at, r.recorded_at,
       CASE WHEN m.masked THEN r.masking_cell ELSE r.location END AS location,
       CASE WHEN m.masked THEN greatest(r.location_precision_meters, 354) ELSE r.location_precision_meters END AS location_precision_meters,
       r.source_evaluation, r.intelligence_assessment, r.handling_code, r.handling_conditions, r.historic_grading,
       r.security_marking, r.lawful_basis, r.review_on, r.import_id, r.created_at, r.updated_at,
       r.mentions_child, r.masking_cell, r.erased_on
FROM intelligence_reports r
CROSS JOIN LATERAL (
    SELECT app_sees_masked_locations() AND (r.mentions_child OR r.category = 'missing_found_location') AS masked) m
WHERE NOT m.masked
   OR (SELECT count(*) FROM intelligence_reports c
       WHERE c.masking_cell = r.masking_cell AND (c.mentions_child OR c.category = 'missing_found_location'))
      >= masking_minimum_count();

-- A decision (retain, erase) gives its reason once, for the transaction (set_config(..., true)); the entries the
-- triggers write for that transaction carry it, so the log shows why each row was altered or erased.
CREATE OR REPLACE FUNCTION audit_changed_rows() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE
    changed integer;
    single_id uuid;
BEGIN
    IF TG_OP = 'DELETE' THEN
        SELECT count(*), CASE WHEN count(*) = 1 THEN (array_agg(coalesce(to_jsonb(o) ->> 'id', to_jsonb(o) ->> 'report_id', to_jsonb(o) ->> 'link_id')))[1]::uuid END
        INTO changed, single_id FROM old_rows o;
    ELSE
        SELECT count(*), CASE WHEN count(*) = 1 THEN (array_agg(coalesce(to_jsonb(n) ->> 'id', to_jsonb(n) ->> 'report_id', to_jsonb(n) ->> 'link_id')))[1]::uuid END
        INTO changed, single_id FROM new_rows n;
    END IF;
    IF changed > 0 THEN
        PERFORM append_audit(CASE TG_OP WHEN 'INSERT' THEN 'collection' WHEN 'UPDATE' THEN 'alteration' ELSE 'erasure' END,
                             TG_TABLE_NAME, single_id, changed, nullif(current_setting('hotspotintel.justification', true), ''));
    END IF;
    RETURN NULL;
END
$$;
