-- Who a mail is from (a lead's rep; null: leadflow) and the recipient's name, for the From, Reply-To and To headers.
alter table outbound_mail
    add column recipient_name varchar(400),
    add column sender_name    varchar(400),
    add column sender_address varchar(320);
