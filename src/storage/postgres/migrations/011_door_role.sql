-- The door role: accounts that check tickets in at the door. (010 is another branch's.)
ALTER TABLE accounts DROP CONSTRAINT accounts_role_check;
ALTER TABLE accounts ADD CONSTRAINT accounts_role_check
  CHECK (role IN ('admin', 'manager', 'buyer', 'door'));
