-- Sign-in: a person's password hash (Spring Security's delegating format, "{bcrypt}…"); null: they cannot sign in.
alter table manager add column password_hash varchar(500);
alter table rep add column password_hash varchar(500);

-- Secrets leadflow generated for itself in development (the unsubscribe links' key), the same after a restart.
create table generated_secret (
    name   varchar(100) primary key,
    value  varchar(200) not null
);
