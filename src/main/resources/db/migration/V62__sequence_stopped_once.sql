-- A person stops a lead's sequence once a round: a second stop (a double click, a second tab) finds it stopped.
create unique index lead_event_stopped_once on lead_event (lead_id, (details ->> 'round')) where type = 'STOPPED' and details ? 'round';
