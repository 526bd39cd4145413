-- A lead unsubscribes once: a repeated one-click POST (mail clients retry, people click twice) records nothing more.
delete from lead_event e
 using lead_event first
 where e.type = 'UNSUBSCRIBED' and first.type = 'UNSUBSCRIBED'
   and e.lead_id = first.lead_id and e.id > first.id;
create unique index lead_event_unsubscribed_once on lead_event (lead_id) where type = 'UNSUBSCRIBED';
