-- The offline basemap's own geography: streets, ward boundaries and place labels (the demo loader fills it with the
-- synthetic city's, so the map and the records' addresses agree). Not personal data: every signed-in reader sees all of it.
CREATE TABLE basemap_features (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    layer text NOT NULL CHECK (layer IN ('street', 'ward', 'place')),
    kind text NOT NULL,
    name text NOT NULL CHECK (name <> ''),
    geom geometry(Geometry, 4326) NOT NULL
);
CREATE INDEX basemap_features_geom ON basemap_features USING gist (geom);
GRANT SELECT ON basemap_features TO hotspotintel_app;
