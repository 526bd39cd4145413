<#assign subject><#if lead.firstName??>${lead.firstName}, which<#else>Which</#if> of <#if lead.company??>${lead.company}'s<#else>your</#if> campaigns bring customers who stay</#assign>
Hi ${lead.firstName!"there"},

<#include "_opening.en.ftl">
In telecom marketing, your team is probably running campaigns for plans, number porting and fibre at the same time, across many channels. Knowing which of them brings customers who stay, not just sign-ups that leave after three months, is one of the hardest parts of your role.

Many marketing leaders find it helps to start by measuring well before investing in tools. So here is a free guide for you, "${content.title}", with a template you can adapt to your channels:
${content.url}

If your main challenge is a different one, tell me and you will get a resource that fits you better.

How do you measure today which campaigns bring your best customers?

--
Best regards,
${rep.name}
${rep.email}

If you'd rather not receive these emails, unsubscribe here: ${unsubscribeUrl}
