<#assign subject>${lead.firstName}, which of ${lead.company}'s campaigns bring customers who stay</#assign>
Hi ${lead.firstName},

In telecom marketing, your team is probably running campaigns for plans, number porting and fibre at the same time, across many channels. Knowing which of them brings customers who stay, not just sign-ups that leave after three months, is one of the hardest parts of your role.

Many marketing leaders find it helps to start with a simple attribution model before investing in tools. So here is a free ebook for you, "Practical attribution for telecom marketing", with examples from prepaid and postpaid campaigns and a template you can adapt to your channels.

If your main challenge is a different one, tell me and you will get a resource that fits you better.

How do you measure today which campaigns bring your best customers?

--
Best regards,
${rep.name}
${rep.email}

If you'd rather not receive these emails, unsubscribe here: ${unsubscribeUrl}
