-- 0056: panels join the review worklist. A panel names adults of concern, premises and vehicles and records a
-- meeting's decisions, so it is kept only while its review date says so, like the records it lists: past that date the
-- listing job puts it before its agency's supervisors to retain or erase (erasing deletes its list, case references,
-- meetings, attendees and decisions with it, each logged by the audit triggers of migrations/0051).
ALTER TABLE records_due_for_review DROP CONSTRAINT records_due_for_review_entity_kind_check,
    ADD CONSTRAINT records_due_for_review_entity_kind_check CHECK (entity_kind IN ('reports', 'persons', 'premises', 'locations',
        'vehicles', 'links', 'missing-episodes', 'disruption-actions', 'phone-numbers', 'online-identifiers', 'meeting-packs', 'panels'));
