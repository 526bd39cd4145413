<#assign subject>Nuevo ${stage} para ti: ${lead.name}<#if lead.company?has_content> (${lead.company})</#if></#assign>
Hola, ${rep.name}:

${lead.name}<#if lead.jobTitle?has_content>, ${lead.jobTitle}</#if><#if lead.company?has_content> de ${lead.company}</#if> es tuyo.

Puntuación de encaje: ${fit.score}
<#list fit.reasons as reason>
- ${reason}
</#list>

Cómo llegó:
<#list origin as fact>
- ${fact.label}: ${fact.value}
</#list>
<#if openingLine?has_content>

Tu primer email empieza así: "${openingLine}"
</#if>

Tu primera tarea, "${task}", vence el ${due} (${lead.timeZone}).
Ábrela: ${taskUrl}

-- 
leadflow
