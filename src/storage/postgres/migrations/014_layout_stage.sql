-- Where a layout version's stage is drawn, as a JSON document like its sections; NULL when the
-- layout has no stage.
ALTER TABLE layout_versions ADD COLUMN stage TEXT;
