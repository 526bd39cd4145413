<#assign subject><#if lead.firstName??>${lead.firstName}, how<#else>How</#if> a team like <#if lead.company??>${lead.company}'s<#else>yours</#if> solved it</#assign>
Hi ${lead.firstName!"there"},

<#include "_opening.en.ftl">
If you already know you want to measure the return of your campaigns more precisely, the next step is usually comparing approaches: by hand, inside your CRM, or with a dedicated tool.

To help you decide with data, here is a real case study, "${content.title}": a B2B services company that moved from monthly spreadsheet reports to seeing every week which campaigns created opportunities. It covers what they tried, what did not work and how long it took:
${content.url}

It comes with a comparison template to score each option against your own criteria: implementation effort, your team's time and data quality.

It is not a proposal and there is no pricing in it; it is material for your team to review at your own pace.

Which criterion matters most to you when choosing a solution?

--
Best regards,
${rep.name}
${rep.email}

If you'd rather not receive these emails, unsubscribe here: ${unsubscribeUrl}
