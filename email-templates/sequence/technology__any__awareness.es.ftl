<#assign subject><#if lead.firstName??>${lead.firstName}, datos<#else>Datos</#if> de marketing y ventas que no cuadran<#if lead.company??> en ${lead.company}</#if></#assign>
Hola<#if lead.firstName??> ${lead.firstName}</#if>:

<#include "_opening.es.ftl">
Cuando marketing y ventas piden informes que cruzan el CRM, la web y las herramientas de campañas, el trabajo suele acabar en tu equipo técnico: integraciones frágiles, contactos duplicados y cifras que no coinciden entre departamentos.

Si eso te suena, te puede servir una guía gratuita, «${content.title}». Explica qué cifras conviene unificar y cómo dejar que cada área consulte sus propios datos sin depender de tu equipo para cada informe:
${content.url}

Está escrita sin lenguaje comercial, para que la revises a tu ritmo.

¿Qué integración te está dando más trabajo ahora mismo a ti y a tu equipo?

--
Un saludo,
${rep.name}
${rep.email}

Si prefieres no recibir más correos, date de baja aquí: ${unsubscribeUrl}
