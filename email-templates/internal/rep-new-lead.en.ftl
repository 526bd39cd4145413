<#assign subject>New ${stage} for you: ${lead.name}<#if lead.company?has_content> (${lead.company})</#if></#assign>
Hi ${rep.name},

${lead.name}<#if lead.jobTitle?has_content>, ${lead.jobTitle}</#if><#if lead.company?has_content> at ${lead.company}</#if> is yours.

Fit score: ${fit.score}
<#list fit.reasons as reason>
- ${reason}
</#list>

How it came:
<#list origin as fact>
- ${fact.label}: ${fact.value}
</#list>
<#if openingLine?has_content>

Your first email to them opens with: "${openingLine}"
</#if>

Your first task, "${task}", is due ${due} (${lead.timeZone}).
Open it: ${taskUrl}

-- 
leadflow
