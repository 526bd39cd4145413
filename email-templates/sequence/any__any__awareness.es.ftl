<#assign subject><#if lead.firstName??>${lead.firstName}, una<#else>Una</#if> guía para medir lo que aporta tu marketing</#assign>
Hola<#if lead.firstName??> ${lead.firstName}</#if>:

<#include "_opening.es.ftl">
<#if attempt.firstEmail>
Antes de hablar de cualquier producto, prefiero entender en qué está trabajando tu equipo<#if lead.company??> en ${lead.company}</#if>.
</#if>

Muchos equipos como el tuyo cuentan lo mismo: generan contactos, pero no saben cuáles acaban siendo clientes ni cuánto aporta cada campaña a los ingresos.

Para ese reto existe una guía gratuita, «${content.title}», con una hoja de cálculo que puedes rellenar con tus propias cifras. No hace falta hablar con nadie para usarla:
${content.url}

Si tu prioridad ahora mismo es otra, también me sirve saberlo: así te envío solo lo que te resulte útil.

¿Cuál es el mayor desafío de tu equipo este trimestre?

--
Un saludo,
${rep.name}
${rep.email}

Si prefieres no recibir más correos, date de baja aquí: ${unsubscribeUrl}
