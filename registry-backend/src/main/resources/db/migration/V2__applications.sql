-- External applications and their profiles (package org.mcx.backend.applications).
-- Portable between H2 (MODE=PostgreSQL) and PostgreSQL, like V1.

-- One profile per application, service type and interface. The two columns copy the profile
-- document's authorizedService so that the database itself refuses a duplicate, whatever path
-- (a policy grant, an approval, the console) creates it.
ALTER TABLE profiles ADD COLUMN service_type VARCHAR(20);
ALTER TABLE profiles ADD COLUMN service_interface VARCHAR(40);
CREATE UNIQUE INDEX profiles_one_per_service ON profiles (application_id, service_type, service_interface);

-- applicationProfileIndex (table 10.X.1-1): the next index of each application. A counter rather
-- than MAX()+1, so that the index of a deleted profile is never given to another one.
ALTER TABLE applications ADD COLUMN next_profile_index INTEGER DEFAULT 1 NOT NULL;

-- The optional applicationProfile an application sent with its authorization request (JSON, or
-- NULL); its serviceInterfaceDescription is applied to the profile it names when granted.
ALTER TABLE authorizations ADD COLUMN requested_profile VARCHAR;
CREATE INDEX authorizations_by_application ON authorizations (application_id, status);
