<#assign subject><#if lead.firstName??>${lead.firstName}, crecer<#else>Crecer</#if> en telecomunicaciones sin disparar el coste de captación</#assign>
Hola<#if lead.firstName??> ${lead.firstName}</#if>:

<#include "_opening.es.ftl">
Dirigir una operadora como ${lead.company!"la tuya"} hoy significa defender tu margen mientras la competencia baja precios y la rotación de clientes no da tregua.

Muchos directivos del sector nos cuentan que su consejo pregunta lo mismo: ¿cuánto cuesta realmente captar a un cliente y cuánto tarda en recuperarse esa inversión? Responder con cifras fiables suele ser el primer paso para decidir dónde crecer.

Por eso te comparto una guía breve, «${content.title}», pensada para leer en diez minutos, con preguntas para llevar a tu próximo comité:
${content.url}

No busco venderte nada en este correo; si la guía te sirve, habrá valido la pena.

¿Cuál de tus objetivos de este año te preocupa más ahora mismo?

--
Un saludo,
${rep.name}
${rep.email}

Si prefieres no recibir más correos, date de baja aquí: ${unsubscribeUrl}
