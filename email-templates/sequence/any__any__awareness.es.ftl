<#assign subject>${lead.firstName}, una guía para medir lo que aporta tu marketing</#assign>
Hola ${lead.firstName}:

<#if attempt.afterMissedCall>
Intenté llamarte y no logré hablar contigo, así que te escribo por aquí.

</#if>
<#if attempt.step == 1>
Gracias por tu interés en el contenido del blog. Antes de hablar de cualquier producto, prefiero entender en qué está trabajando tu equipo en ${lead.company}.
<#elseif !attempt.afterMissedCall>
Te escribo otra vez por si el correo anterior se perdió entre tantos otros en tu bandeja.
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
