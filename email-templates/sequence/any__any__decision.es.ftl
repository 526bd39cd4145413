<#assign subject><#if lead.firstName??>${lead.firstName}, ¿revisamos<#else>¿Revisamos</#if> juntos <#if lead.company??>los números de ${lead.company}<#else>tus números</#if>?</#assign>
Hola<#if lead.firstName??> ${lead.firstName}</#if>:

<#include "_opening.es.ftl">
Después de la guía y el caso práctico, quizá estés en el punto de decidir cómo medir el retorno de tu marketing<#if lead.company??> en ${lead.company}</#if>. Para comparar opciones con tu equipo, te dejo «${content.title}»:
${content.url}

Te propongo también una consultoría gratuita de 30 minutos, sin compromiso: revisamos tu embudo actual, tus fuentes de contactos y tus tasas de conversión, y te llevas tres recomendaciones concretas que puedes aplicar con o sin nosotros.

Si te resulta más útil ver una demostración con datos parecidos a los tuyos, también es posible; y si en la decisión participa alguien más de tu equipo, puede unirse.

¿Qué día de la próxima semana te vendría mejor para esa llamada?

--
Un saludo,
${rep.name}
${rep.email}

Si prefieres no recibir más correos, date de baja aquí: ${unsubscribeUrl}
