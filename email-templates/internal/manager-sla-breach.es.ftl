<#assign subject>SLA incumplido: ${lead.name}<#if lead.company?has_content> (${lead.company})</#if> espera a ${rep.name}</#assign>
Hola, ${manager.name}:

<#if breach == "FIRST_ATTEMPT">El primer intento<#else>Un intento de la secuencia 5 en 14</#if> con ${lead.name}<#if lead.company?has_content> de ${lead.company}</#if>: ${rep.name} no lo registró a tiempo.

Decide si ${rep.name} conserva el lead con un nuevo plazo o si la rotación lo reasigna:
${taskUrl}

-- 
leadflow
