<#assign subject><#if lead.firstName??>${lead.firstName}, </#if>30 minutes to review <#if lead.company??>${lead.company}'s<#else>your</#if> growth plan</#assign>
Hi ${lead.firstName!"there"},

<#include "_opening.en.ftl">
If you are weighing how to get more revenue from marketing and sales<#if lead.company??> at ${lead.company}</#if> with the same budget, a short conversation before you decide may help.

Here is a suggestion: a free 30-minute session with your leadership team. Starting from your revenue goals, we work out how many customers, opportunities and leads you need to reach them, and where in your funnel the most value is lost. You keep that calculation whether or not we talk again.

To prepare, here is "${content.title}":
${content.url}

If you would rather see a demo built around a case from your industry first, that can be arranged too.

Who else on your team should be part of that session?

--
Best regards,
${rep.name}
${rep.email}

If you'd rather not receive these emails, unsubscribe here: ${unsubscribeUrl}
