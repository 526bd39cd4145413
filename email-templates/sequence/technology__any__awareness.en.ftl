<#assign subject><#if lead.firstName??>${lead.firstName}, when<#else>When</#if> marketing and sales data don't add up<#if lead.company??> at ${lead.company}</#if></#assign>
Hi ${lead.firstName!"there"},

<#include "_opening.en.ftl">
When marketing and sales ask for reports that combine the CRM, the website and the campaign tools, the work tends to land on your technical team: fragile integrations, duplicate contacts and numbers that differ between departments.

If that sounds familiar, you may find a free guide useful, "${content.title}". It explains which numbers are worth unifying and how to let each department query its own data without your team building every report:
${content.url}

It is written without sales language, for you to review at your own pace.

Which integration is costing you and your team the most effort right now?

--
Best regards,
${rep.name}
${rep.email}

If you'd rather not receive these emails, unsubscribe here: ${unsubscribeUrl}
