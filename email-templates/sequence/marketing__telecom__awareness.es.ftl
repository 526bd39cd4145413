<#assign subject><#if lead.firstName??>${lead.firstName}, qué<#else>Qué</#if> campañas <#if lead.company??>de ${lead.company}<#else>tuyas</#if> traen clientes de verdad</#assign>
Hola<#if lead.firstName??> ${lead.firstName}</#if>:

<#include "_opening.es.ftl">
En marketing de telecomunicaciones, tu equipo seguramente lanza campañas de planes, portabilidad y fibra a la vez, en muchos canales. Saber cuál de ellas trae clientes que se quedan, y no solo altas que se van a los tres meses, es de los retos más difíciles de tu puesto.

A muchos responsables de marketing les ayuda empezar por medir bien antes de invertir en herramientas. Por eso te comparto una guía gratuita, «${content.title}», con una plantilla que puedes adaptar a tus canales:
${content.url}

Si tu reto principal es otro, cuéntamelo y te busco un recurso más útil para ti.

¿Cómo mides hoy qué campañas generan tus mejores clientes?

--
Un saludo,
${rep.name}
${rep.email}

Si prefieres no recibir más correos, date de baja aquí: ${unsubscribeUrl}
