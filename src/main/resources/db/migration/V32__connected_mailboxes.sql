-- A rep's own mailbox (SMTP to send, IMAP to read), set by a manager; the password is AES-GCM ciphertext, never plain.
create table connected_mailbox (
    owner            varchar(100) primary key,
    address          varchar(320) not null,
    smtp_host        varchar(255) not null,
    smtp_port        integer      not null,
    smtp_tls         varchar(10)  not null,
    imap_host        varchar(255) not null,
    imap_port        integer      not null,
    imap_tls         varchar(10)  not null,
    username         varchar(320) not null,
    password_cipher  bytea        not null,
    updated_at       timestamptz  not null
);
create unique index connected_mailbox_address on connected_mailbox (lower(address));

-- How far each mailbox's folder has been read: a message is read once across restarts, and again only when the
-- server renumbers the folder (a new UIDVALIDITY). Also leadflow's inbox and the embedded default's mailboxes.
create table mailbox_folder_read (
    mailbox       varchar(700) not null,
    folder        varchar(200) not null,
    uid_validity  bigint       not null,
    last_uid      bigint       not null,
    read_at       timestamptz  not null,
    primary key (mailbox, folder)
);

-- Each mailbox's last read: when it last worked, and what failed since (login refused, host unreachable, TLS); and
-- the leadflow node reading it now (a lease: one reader per mailbox also with several nodes).
create table mailbox_health (
    mailbox        varchar(700) primary key,
    owner          varchar(100) not null,
    failure        varchar(1000),
    failing_since  timestamptz,
    read_at        timestamptz,
    leased_by      uuid,
    leased_until   timestamptz
);
