<#assign subject><#if lead.firstName??>${lead.firstName}, shall<#else>Shall</#if> we look at <#if lead.company??>${lead.company}'s<#else>your</#if> numbers together?</#assign>
Hi ${lead.firstName!"there"},

<#include "_opening.en.ftl">
After the guide and the case study, you may be at the point of deciding how to measure your marketing return<#if lead.company??> at ${lead.company}</#if>. To compare your options with your team, here is "${content.title}":
${content.url}

Here is an offer too: a free 30-minute consultation, no strings attached. We look at your current funnel, your lead sources and your conversion rates, and you leave with three concrete recommendations you can apply with or without us.

If a demo with data similar to yours would be more useful, that works too; and if someone else on your team is part of the decision, they are welcome to join.

Which day next week would suit you best for that call?

--
Best regards,
${rep.name}
${rep.email}

If you'd rather not receive these emails, unsubscribe here: ${unsubscribeUrl}
