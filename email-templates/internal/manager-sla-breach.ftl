<#assign subject>SLA breach: ${lead.name}<#if lead.company?has_content> (${lead.company})</#if> waits for ${rep.name}</#assign>
Hi ${manager.name},

${breach} for ${lead.name}<#if lead.company?has_content> at ${lead.company}</#if>: ${rep.name} has not recorded it in time.

<#if decide!false>Decide whether ${rep.name} keeps the lead with a new due or the rotation reassigns it:
<#else>The task stays with ${rep.name}; the lead's tasks:
</#if>${taskUrl}

-- 
leadflow
