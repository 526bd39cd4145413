<#assign subject>SLA incumplido: ${lead.name}<#if lead.company?has_content> (${lead.company})</#if> espera a ${rep.name}</#assign>
Hola, ${manager.name}:

<#switch breach><#case "FIRST_ATTEMPT">El primer intento<#break><#case "SEQUENCE_BEHIND">Un intento de la secuencia 5 en 14<#break><#case "RESEARCH">"Investigar a quién contactar"<#break><#case "QUALIFY">"Calificar el lead"<#break><#case "PROPOSAL">"Preparar propuesta o demo"<#break><#default>"Registrar el resultado del trato"</#switch> con ${lead.name}<#if lead.company?has_content> de ${lead.company}</#if>: ${rep.name} no lo registró a tiempo.

<#if decide!false>Decide si ${rep.name} conserva el lead con un nuevo plazo o si la rotación lo reasigna:
<#else>La tarea sigue con ${rep.name}; las tareas del lead:
</#if>${taskUrl}

-- 
leadflow
