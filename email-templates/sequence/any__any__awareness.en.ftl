<#assign subject><#if lead.firstName??>${lead.firstName}, a<#else>A</#if> guide to measuring what your marketing brings in</#assign>
Hi ${lead.firstName!"there"},

<#include "_opening.en.ftl">
<#if attempt.firstEmail>
Before talking about any product, I'd like to understand what your team<#if lead.company??> at ${lead.company}</#if> is working on.
</#if>

Teams like yours often tell the same story: plenty of new contacts, but no clear view of which ones become customers or how much each campaign adds to revenue.

There is a free guide for exactly that, "${content.title}", with a spreadsheet you can fill in with your own numbers. You don't need to talk to anyone to use it:
${content.url}

If your priority right now is something else, that is useful to know too, so you only get what helps you.

What is the biggest challenge your team is facing this quarter?

--
Best regards,
${rep.name}
${rep.email}

If you'd rather not receive these emails, unsubscribe here: ${unsubscribeUrl}
