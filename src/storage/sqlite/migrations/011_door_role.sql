-- The door role: accounts that check tickets in at the door. (010 is another branch's.)
-- SQLite cannot alter a CHECK constraint, and rebuilding accounts inside the migration's
-- transaction would cascade into sessions and trip the foreign keys of every table that names an
-- account. A wider CHECK changes nothing on disk (every stored row satisfies it), so the table's
-- definition is rewritten in place, as SQLite's "ALTER TABLE" page describes for constraint
-- changes; the table made and dropped after it bumps the schema cookie, so that every other
-- connection reads the new definition before its next statement.
PRAGMA writable_schema = ON;
UPDATE sqlite_schema
   SET sql = replace(sql, 'CHECK (role IN (''admin'', ''manager'', ''buyer''))',
                     'CHECK (role IN (''admin'', ''manager'', ''buyer'', ''door''))')
 WHERE type = 'table' AND name = 'accounts';
PRAGMA writable_schema = OFF;
CREATE TABLE schema_change_011 (x INTEGER);
DROP TABLE schema_change_011;
