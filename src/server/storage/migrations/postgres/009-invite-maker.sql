-- The device that asked for an invite code (storage.ts Invite.madeBy): a code works only while that
-- device does — a phone revoked after making codes leaves none that still let someone in.
ALTER TABLE invites ADD COLUMN IF NOT EXISTS made_by_school TEXT;
ALTER TABLE invites ADD COLUMN IF NOT EXISTS made_by_device TEXT;
