<#assign subject>SLA breach: ${lead.name}<#if lead.company?has_content> (${lead.company})</#if> waits for ${rep.name}</#assign>
Hi ${manager.name},

<#switch breach><#case "FIRST_ATTEMPT">The first attempt<#break><#case "SEQUENCE_BEHIND">An attempt of the 5-in-14 sequence<#break><#case "RESEARCH">"Research who to contact"<#break><#case "QUALIFY">"Qualify lead"<#break><#case "PROPOSAL">"Prepare proposal or demo"<#break><#default>"Record deal outcome"</#switch> for ${lead.name}<#if lead.company?has_content> at ${lead.company}</#if>: ${rep.name} has not recorded it in time.

<#if decide!false>Decide whether ${rep.name} keeps the lead with a new due or the rotation reassigns it:
<#else>The task stays with ${rep.name}; the lead's tasks:
</#if>${taskUrl}

-- 
leadflow
