<#assign subject>SLA breach: ${lead.name}<#if lead.company?has_content> (${lead.company})</#if> waits for ${rep.name}</#assign>
Hi ${manager.name},

<#if breach == "FIRST_ATTEMPT">The first attempt<#else>An attempt of the 5-in-14 sequence</#if> for ${lead.name}<#if lead.company?has_content> at ${lead.company}</#if>: ${rep.name} has not recorded it in time.

Decide whether ${rep.name} keeps the lead with a new due or the rotation reassigns it:
${taskUrl}

-- 
leadflow
