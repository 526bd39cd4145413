<#assign subject>${lead.firstName}, when marketing and sales data don't add up at ${lead.company}</#assign>
Hi ${lead.firstName},

When marketing and sales ask for reports that combine the CRM, the website and the campaign tools, the work tends to land on your technical team: fragile integrations, duplicate contacts and numbers that differ between departments.

If that sounds familiar, you may find a free technical guide useful: "How to unify marketing and sales data without rewriting your systems". It explains how to deduplicate contacts, which events are worth tracking and how to let each department query its own data without your team building every report.

It is written for technical people like you, with diagrams and no sales language.

Which integration is costing you and your team the most effort right now?

--
Best regards,
${rep.name}
${rep.email}

If you'd rather not receive these emails, unsubscribe here: ${unsubscribeUrl}
